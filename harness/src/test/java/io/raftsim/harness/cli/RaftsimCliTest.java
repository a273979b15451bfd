package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RaftsimCliTest {
    @Test
    void seedRangeParsesRangesAndSingleSeeds() {
        assertThat(SeedRange.parse("0..199")).isEqualTo(new SeedRange(0, 199));
        assertThat(SeedRange.parse("7").count()).isEqualTo(1);
        assertThatThrownBy(() -> SeedRange.parse("9..3")).hasMessageContaining("9..3");
        assertThatThrownBy(() -> SeedRange.parse("a..b")).hasMessageContaining("expected A..B");
    }

    @Test
    void unknownOptionIsUsageErrorWithExitCode2() {
        assertThat(RaftsimCli.run("fuzz", "--no-such-option")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("fuzz", "--seeds", "x")).isEqualTo(RaftsimCli.EXIT_USAGE);
    }
}
