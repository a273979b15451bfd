package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.SplitMix64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --knob pins: parsed and checked in one line, applied over the drawn knobs and nothing else. */
class KnobPinsTest {
    private static final EngineKnobs DRAWN = new EngineKnobs(450, 90, 16, 4, 200, true, false);

    @Test
    void pinsReplaceOnlyTheNamedKnobs() {
        KnobPins p = KnobPins.parse(List.of("maxAppendEntries=1", "checkQuorum=TRUE", "heartbeatIntervalMs=60"));
        assertThat(p.specs()).containsExactly("heartbeatIntervalMs=60", "maxAppendEntries=1", "checkQuorum=true");
        assertThat(p.apply(DRAWN)).isEqualTo(new EngineKnobs(450, 60, 1, 4, 200, true, true));
        assertThat(KnobPins.NONE.apply(DRAWN)).isSameAs(DRAWN);
    }

    @Test
    void aPinnedElectionTimeoutKeepsTheDrawnHeartbeatShare() {
        // 90 of 450 is a fifth: a fifth of 150 is 30.
        assertThat(KnobPins.parse(List.of("electionTimeoutMs=150")).apply(DRAWN))
                .isEqualTo(new EngineKnobs(150, 30, 16, 4, 200, true, false));
        // Every drawn knob set stays valid under a pinned timeout, the smallest included.
        for (long seed = 0; seed < 200; seed++) {
            EngineKnobs drawn = EngineKnobs.draw(new SplitMix64(seed));
            for (long e : new long[] {50, 150, 450, 5_000}) {
                EngineKnobs k =
                        KnobPins.parse(List.of("electionTimeoutMs=" + e)).apply(drawn);
                assertThat(k.electionTimeoutMs()).isEqualTo(e);
                assertThat(k.heartbeatIntervalMs() % KnobPins.TICK_MS).isZero();
                assertThat(k.heartbeatIntervalMs() * 3).isLessThanOrEqualTo(e);
            }
        }
    }

    @Test
    void aPinnedHeartbeatRaisesATooShortDrawnElectionTimeout() {
        assertThat(KnobPins.parse(List.of("heartbeatIntervalMs=200"))
                        .apply(DRAWN)
                        .electionTimeoutMs())
                .isEqualTo(600);
    }

    @Test
    void badPinsFailWithOneLineNamingTheEntry() {
        assertThatThrownBy(() -> KnobPins.parse(List.of("electionTimeout=150")))
                .hasMessageContaining("unknown engine knob 'electionTimeout'")
                .hasMessageContaining("electionTimeoutMs");
        assertThatThrownBy(() -> KnobPins.parse(List.of("electionTimeoutMs")))
                .hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> KnobPins.parse(List.of("electionTimeoutMs=155")))
                .hasMessageContaining("multiple of the 10 ms tick");
        assertThatThrownBy(() -> KnobPins.parse(List.of("electionTimeoutMs=40")))
                .hasMessageContaining("[50, 5000]");
        assertThatThrownBy(() -> KnobPins.parse(List.of("maxAppendEntries=lots")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> KnobPins.parse(List.of("preVote=yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> KnobPins.parse(List.of("preVote=true", "preVote=false")))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> KnobPins.parse(List.of("electionTimeoutMs=150", "heartbeatIntervalMs=60")))
                .hasMessageContaining("at most a third");
        for (String bad : List.of("x=1", "electionTimeoutMs=abc", "snapshotIntervalEntries=5")) {
            assertThatThrownBy(() -> KnobPins.parse(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
