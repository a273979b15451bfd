package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * lease-race events: drawn with a slow drift at the top of the drawn range, as the one partition
 * of their time, and without shifting the schedules of seeds whose swarm leaves them off.
 */
class LeaseRaceScheduleTest {
    private static NemesisConfig config(Set<FaultKind> kinds, boolean swarm) {
        return new NemesisConfig(5, kinds, swarm, 60_000, 15_000, 800);
    }

    @Test
    void drawnRacesAreSlowAndNeverOverlapAnotherPartition() {
        ScheduleGenerator g = new ScheduleGenerator(config(
                EnumSet.of(FaultKind.LEASE_RACE, FaultKind.ISOLATE, FaultKind.ISOLATE_LEADER, FaultKind.KILL), false));
        int races = 0;
        for (long seed = 0; seed < 30; seed++) {
            List<FaultEvent> events = g.generate(seed).events();
            for (FaultEvent e : events) {
                if (!(e.fault() instanceof LeaseRace r)) {
                    continue;
                }
                races++;
                assertThat(r.driftPpm()).as("seed %d: %s", seed, e).isBetween(-1_000L, -905L);
                assertThat(r.maxGapMs()).as("seed %d", seed).isBetween(0L, 400L);
                assertThat(r.maxHoldMs()).as("seed %d", seed).isBetween(20L, 300L);
                assertThat(r.nodes()).isEmpty();
                for (FaultEvent o : events) {
                    boolean overlaps = o != e && o.atMs() < e.endMs() + 1 && e.atMs() < o.endMs() + 1;
                    if (overlaps) {
                        assertThat(ScheduleGenerator.isPartition(o.fault()))
                                .as("seed %d: %s overlaps %s", seed, e, o)
                                .isFalse();
                    }
                }
            }
        }
        assertThat(races).isGreaterThan(30);
    }

    @Test
    void seedsThatLeaveItOffDrawTheScheduleTheyDrewWithoutIt() {
        SwarmCoins.assertSeedsThatLeaveItOffDrawAsWithoutIt(FaultKind.LEASE_RACE, kinds -> config(kinds, true));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new LeaseRace(-1, 10, -500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxGapMs");
        assertThatThrownBy(() -> new LeaseRace(10, 10, -600_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-600000");
    }
}
