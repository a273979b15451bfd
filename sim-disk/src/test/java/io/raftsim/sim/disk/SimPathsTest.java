package io.raftsim.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimPathsTest {
    @Test
    void canonicalPathsComeBackAsTheyAreAndOthersAreNormalized() {
        assertThat(SimPaths.normalize("")).isEmpty();
        assertThat(SimPaths.normalize("/")).isEmpty();
        assertThat(SimPaths.normalize("a")).isEqualTo("a");
        assertThat(SimPaths.normalize("raft/log/log_inprogress_1")).isEqualTo("raft/log/log_inprogress_1");
        assertThat(SimPaths.normalize("/raft//log/")).isEqualTo("raft/log");
        assertThat(SimPaths.normalize("a/.b/..c/...")).isEqualTo("a/.b/..c/...");
    }

    @Test
    void dotSegmentsAreRejectedWhetherOrNotThePathIsOtherwiseCanonical() {
        for (String p : new String[] {".", "..", "a/.", "a/../b", "/a/./b", "a//.."}) {
            assertThatThrownBy(() -> SimPaths.normalize(p))
                    .as(p)
                    .isInstanceOf(DiskException.class)
                    .hasMessageContaining("must not contain . or ..");
        }
        assertThatThrownBy(() -> SimPaths.normalize(null)).isInstanceOf(DiskException.class);
    }
}
