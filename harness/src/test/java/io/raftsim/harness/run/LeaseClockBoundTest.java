package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.Faults.ClockDrift;
import io.raftsim.workload.nemesis.Faults.LeaderClockDrift;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.nemesis.LeaseRace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lease runs test the drift margin instead of assuming it: clock drifts are kept (rescaled into the
 * engine's bound), clock offsets and jumps are held back.
 */
class LeaseClockBoundTest {
    @Test
    void driftIsRescaledIntoTheBoundKeepingNodeSignAndTiming() {
        // 90% of 50 ms of drift per 250 ms election timeout: 180 000 ppm.
        assertThat(LeaseClockBound.maxDriftPpm(250)).isEqualTo(180_000);
        FaultEvent e = LeaseClockBound.rescale(new FaultEvent(2_000, 3_000, new ClockDrift(3, -500)), 250);
        assertThat(e.atMs()).isEqualTo(2_000);
        assertThat(e.durationMs()).isEqualTo(3_000);
        // 500 ppm sits at (500 - 50) / 950 of the drawn range: 90 000 + 90 000 * 450 / 950.
        assertThat(e.fault()).isEqualTo(new ClockDrift(3, -132_631));
        FaultEvent max = LeaseClockBound.rescale(new FaultEvent(0, 1, new ClockDrift(0, 1_000)), 150);
        assertThat(((ClockDrift) max.fault()).driftPpm()).isEqualTo(LeaseClockBound.maxDriftPpm(150));
    }

    @Test
    void leaderDriftIsRescaledLikeAnyDriftAndCountsAsTheOneDriftingClock() {
        FaultEvent e = LeaseClockBound.rescale(new FaultEvent(2_000, 3_000, new LeaderClockDrift(-500)), 250);
        assertThat(e.fault()).isEqualTo(new LeaderClockDrift(-132_631));
        assertThat(LeaseClockBound.steps(FaultKind.LEADER_CLOCK_DRIFT)).isFalse();
        List<FaultEvent> kept = LeaseClockBound.leaseEvents(
                List.of(
                        new FaultEvent(1_000, 2_000, new LeaderClockDrift(300)),
                        new FaultEvent(2_500, 2_000, new ClockDrift(1, -300)),
                        new FaultEvent(3_001, 500, new LeaderClockDrift(-300))),
                300);
        assertThat(kept).extracting(k -> k.atMs()).containsExactly(1_000L, 3_001L);
    }

    @Test
    void leaseRaceDriftIsRescaledToTheTopOfTheBoundAndCountsAsTheOneDriftingClock() {
        // At a 150 ms election timeout the bound is 45 ms of 150 (300,000 ppm): the drawn -1000 ppm
        // is its top, the drawn -905 ppm 95% of it.
        assertThat(LeaseClockBound.rescale(new FaultEvent(2_000, 3_000, new LeaseRace(100, 50, -1_000)), 150)
                        .fault())
                .isEqualTo(new LeaseRace(100, 50, -300_000));
        assertThat(LeaseClockBound.rescale(new FaultEvent(2_000, 3_000, new LeaseRace(100, 50, -905)), 150)
                        .fault())
                .isEqualTo(new LeaseRace(100, 50, -285_000));
        List<FaultEvent> kept = LeaseClockBound.leaseEvents(
                List.of(
                        new FaultEvent(1_000, 5_000, new LeaseRace(100, 50, -1_000)),
                        new FaultEvent(2_500, 2_000, new ClockDrift(1, 300)),
                        new FaultEvent(6_001, 500, new LeaderClockDrift(-300))),
                150);
        assertThat(kept).extracting(k -> k.atMs()).containsExactly(1_000L, 6_001L);
    }

    @Test
    void oneNodeDriftsAtATime() {
        List<FaultEvent> kept = LeaseClockBound.leaseEvents(
                List.of(
                        new FaultEvent(1_000, 2_000, new ClockDrift(0, 300)),
                        new FaultEvent(2_500, 2_000, new ClockDrift(1, -300)),
                        new FaultEvent(3_001, 500, new ClockDrift(2, -300))),
                300);
        assertThat(kept).extracting(e -> e.fault().nodes().get(0)).containsExactly(0, 2);
    }

    @Test
    void leaseRunsKeepDriftsAndHoldBackClockSteps() {
        assertThat(LeaseClockBound.steps(FaultKind.CLOCK_OFFSET)).isTrue();
        assertThat(LeaseClockBound.steps(FaultKind.CLOCK_JUMP)).isTrue();
        assertThat(LeaseClockBound.steps(FaultKind.CLOCK_DRIFT)).isFalse();
        assertThat(LeaseClockBound.steps(FaultKind.KILL)).isFalse();
        RunConfig cfg = new RunConfig(
                4,
                5,
                Workload.KV,
                100,
                20_000,
                NemesisSpec.parse("clock-drift,clock-offset,clock-jump"),
                ReadMode.LEASE,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunInput in = RunInput.draw(cfg);
        List<FaultEvent> events = in.schedule().events();
        long bound = LeaseClockBound.maxDriftPpm(in.schedule().knobs().electionTimeoutMs());
        assertThat(events).isNotEmpty().allMatch(e -> e.fault() instanceof ClockDrift);
        assertThat(events)
                .allMatch(e -> Math.abs(((ClockDrift) e.fault()).driftPpm()) <= bound)
                .anyMatch(e -> Math.abs(((ClockDrift) e.fault()).driftPpm()) > 1_000);
    }
}
