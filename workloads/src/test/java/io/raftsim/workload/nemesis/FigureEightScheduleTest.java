package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * figure-eight picks its victims and partitions at run time, so the generator gives it the whole
 * budget: no other fault that takes nodes down, and no other partition, overlaps it. Its swarm coin
 * comes from a stream of its own, so seeds that leave it off keep the schedule they drew before it
 * existed.
 */
class FigureEightScheduleTest {
    private static NemesisConfig config(Set<FaultKind> kinds, boolean swarm) {
        return new NemesisConfig(5, kinds, swarm, 60_000, 15_000, 200);
    }

    @Test
    void figureEightNeverOverlapsAFaultThatTakesNodesDownOrPartitions() {
        ScheduleGenerator g = new ScheduleGenerator(config(NemesisConfig.allKinds(), false));
        int drawn = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<FaultEvent> events = g.generate(seed).events();
            for (FaultEvent c : events) {
                if (!(c.fault() instanceof FigureEight f)) {
                    continue;
                }
                drawn++;
                assertThat(f.tailWaitMs()).isBetween(100L, 1_500L);
                assertThat(f.maxRepairKillDelayMs()).isBetween(0L, 3L);
                for (FaultEvent e : events) {
                    long end = e.fault() instanceof Faults.BitFlip ? Long.MAX_VALUE : e.endMs();
                    boolean overlaps = e.atMs() <= c.endMs() && c.atMs() <= end;
                    boolean conflicting =
                            ScheduleGenerator.takesNodeDown(e.fault()) || ScheduleGenerator.isPartition(e.fault());
                    assertThat(e == c || !overlaps || !conflicting)
                            .as("seed %d: %s overlaps %s", seed, c, e)
                            .isTrue();
                }
            }
        }
        assertThat(drawn).as("figure-eight drawn at all").isGreaterThan(0);
    }

    @Test
    void seedsThatLeaveFigureEightOffDrawTheScheduleTheyDrewWithoutIt() {
        SwarmCoins.assertSeedsThatLeaveItOffDrawAsWithoutIt(FaultKind.FIGURE_EIGHT, kinds -> config(kinds, true));
    }

    @Test
    void refusesNegativeTimings() {
        assertThatThrownBy(() -> new FigureEight(1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tailWaitMs");
        assertThatThrownBy(() -> new FigureEight(1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRepairKillDelayMs");
    }
}
