package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The property every fault kind added after the swarm's main stream must keep: its on/off coin
 * comes from a stream of its own, so a seed whose swarm leaves the kind off draws exactly the
 * schedule it drew before the kind existed (and existing seeds keep their traces).
 */
final class SwarmCoins {
    private SwarmCoins() {}

    /** Over seeds 0..59 of a swarm built by {@code swarmOver}: both coin faces occur, off = as before. */
    static void assertSeedsThatLeaveItOffDrawAsWithoutIt(
            FaultKind kind, Function<Set<FaultKind>, NemesisConfig> swarmOver) {
        Set<FaultKind> without = EnumSet.allOf(FaultKind.class);
        without.remove(kind);
        ScheduleGenerator withKind = new ScheduleGenerator(swarmOver.apply(NemesisConfig.allKinds()));
        ScheduleGenerator withoutKind = new ScheduleGenerator(swarmOver.apply(without));
        int off = 0;
        int on = 0;
        for (long seed = 0; seed < 60; seed++) {
            Schedule a = withKind.generate(seed);
            if (a.enabledKinds().contains(kind)) {
                on++;
            } else {
                off++;
                assertThat(a).as("%s, seed %d", kind, seed).isEqualTo(withoutKind.generate(seed));
            }
        }
        assertThat(off).as("%s off", kind).isGreaterThan(10);
        assertThat(on).as("%s on", kind).isGreaterThan(10);
    }
}
