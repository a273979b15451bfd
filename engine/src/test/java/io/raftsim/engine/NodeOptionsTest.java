package io.raftsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeOptionsTest {
    private static NodeOptions.Builder valid() {
        return NodeOptions.builder()
                .initialConfiguration(Configuration.parse("a,b,c"))
                .stateMachine(it -> {});
    }

    @Test
    void defaultsAreValidAndConvertToTicks() {
        NodeOptions o = valid().build();
        assertThat(o.electionTicks()).isEqualTo(100);
        assertThat(o.heartbeatTicks()).isEqualTo(10);
        assertThat(o.preVote()).isTrue();
        assertThat(o.checkQuorum()).isTrue();
    }

    @Test
    void heartbeatMustBeShorterThanTheElectionTimeout() {
        assertThatThrownBy(() -> valid().heartbeatIntervalMs(1000)
                        .electionTimeoutMs(1000)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeatIntervalMs (1000) must be shorter than electionTimeoutMs (1000)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> NodeOptions.builder()
                        .tickIntervalMs(7)
                        .maxInflightAppends(0)
                        .maxEntriesPerAppend(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialConfiguration must name at least one peer")
                .hasMessageContaining("stateMachine is required")
                .hasMessageContaining("heartbeatIntervalMs (100) must be a positive multiple of tickIntervalMs (7)")
                .hasMessageContaining("electionTimeoutMs (1000) must be a multiple of tickIntervalMs (7)")
                .hasMessageContaining("maxInflightAppends must be >= 1, got 0")
                .hasMessageContaining("maxEntriesPerAppend must be >= 1, got 0");
    }

    @Test
    void configurationParsesPeersAndLearners() {
        Configuration c = Configuration.parse("c,a:1,b/l1");
        assertThat(c.peers()).extracting(PeerId::toString).containsExactly("a:1", "b", "c");
        assertThat(c.learners()).containsExactly(PeerId.of("l1"));
        assertThat(c.toString()).isEqualTo("a:1,b,c/l1");
        assertThatThrownBy(() -> Configuration.parse("a,b/a")).hasMessageContaining("both a voter and a learner");
    }

    @Test
    void leaseReadsNeedCheckQuorumAndADriftBelowTheElectionTimeout() {
        assertThatThrownBy(() -> valid().readMode(ReadMode.LEASE_BASED)
                        .checkQuorum(false)
                        .build())
                .hasMessageContaining("readMode LEASE_BASED needs checkQuorum");
        assertThatThrownBy(() -> valid().readMode(ReadMode.LEASE_BASED)
                        .maxClockDriftMs(1000)
                        .build())
                .hasMessageContaining(
                        "maxClockDriftMs (1000) must be >= 0 and, for lease reads, below electionTimeoutMs");
        // Lease: 1000 ms - 150 ms of drift = 85 ticks of 10 ms, less one tick of rounding.
        NodeOptions o =
                valid().readMode(ReadMode.LEASE_BASED).maxClockDriftMs(150).build();
        assertThat(io.raftsim.engine.core.CoreConfig.from(o).leaseTicks()).isEqualTo(84);
        assertThat(io.raftsim.engine.core.CoreConfig.from(valid().build()).leaseTicks())
                .isZero();
    }

    @Test
    void leaderStickinessFollowsCheckQuorumUnlessSetAndLeaseReadsNeedIt() {
        assertThat(valid().build().leaderStickiness()).isTrue();
        assertThat(valid().checkQuorum(false).build().leaderStickiness()).isFalse();
        NodeOptions loose = valid().leaderStickiness(false).build();
        assertThat(loose.checkQuorum()).isTrue();
        assertThat(loose.leaderStickiness()).isFalse();
        assertThat(io.raftsim.engine.core.CoreConfig.from(loose).leaderStickiness())
                .isFalse();
        assertThat(valid().checkQuorum(false).leaderStickiness(true).build().leaderStickiness())
                .isTrue();
        assertThat(loose.toBuilder().build().leaderStickiness()).isFalse();
        assertThatThrownBy(() -> valid().readMode(ReadMode.LEASE_BASED)
                        .leaderStickiness(false)
                        .build())
                .hasMessageContaining("readMode LEASE_BASED needs checkQuorum and leaderStickiness")
                .hasMessageContaining("leaderStickiness=false");
    }
}
