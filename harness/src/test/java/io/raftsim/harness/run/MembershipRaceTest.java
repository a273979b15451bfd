package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * membership-race plays the whole raft-dev interleaving against the real engine: the old leader's
 * change is stranded on a minority and cut off, the new leader is asked for another change within
 * 0.2 ms of its election, refuses it (EAGAIN: it has not committed an entry of its term yet,
 * dissertation §4.1) and takes it once it may, the cut-off side comes back, and the voters are
 * restored. The unpatched engine passes every check on these seeds.
 */
class MembershipRaceTest {
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {0, 5})
    void everyStepOfTheRaceHappensAndTheRunStaysValid(long seed) {
        RunConfig cfg = new RunConfig(
                seed,
                5,
                Workload.REGISTER,
                600,
                20_000,
                NemesisSpec.parse("membership-race"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        Map<String, Long> steps = new TreeMap<>();
        RunOutcome o = RunDriver.run(
                cfg, RunInput.draw(cfg), Duration.ofSeconds(30), Long.MAX_VALUE, (simMs, events) -> {}, new RunProbe() {
                    @Override
                    public void afterStop(Cluster cluster) {
                        // The race's own steps, by their names without the fault's prefix.
                        cluster.nemesisSteps().forEach((name, n) -> {
                            if (name.startsWith("membership-race.")) {
                                steps.put(name.substring("membership-race.".length()), n);
                            }
                        });
                    }
                });
        RunSummary s = o.summary();
        String why = "steps " + steps + ", summary faults " + s.faults() + "; repro: " + cfg.reproCommand();
        assertThat(s.verdict()).as("failure %s; %s", s.failure(), why).isEqualTo(Verdict.VALID);
        assertThat(s.faults().getOrDefault("membership-race", 0L)).as(why).isGreaterThan(0L);
        assertThat(s.membershipChanges()).as(why).isGreaterThan(0L);
        long stranded = steps.getOrDefault("stranded-on-1", 0L) + steps.getOrDefault("stranded-on-2", 0L);
        assertThat(stranded).as("first change stranded on a minority; %s", why).isGreaterThan(0L);
        assertThat(steps.getOrDefault("second-change-asked-within-200us-of-election", 0L))
                .as(why)
                .isGreaterThan(0L);
        assertThat(steps.getOrDefault("second-change-refused-EAGAIN", 0L))
                .as("the new leader refused a change before its own-term commit; %s", why)
                .isGreaterThan(0L);
        assertThat(steps.getOrDefault("second-change-committed", 0L)).as(why).isGreaterThan(0L);
        assertThat(steps.getOrDefault("old-side-returned", 0L)).as(why).isGreaterThan(0L);
        assertThat(steps.get("restored"))
                .as("every race restored the voters; %s", why)
                .isEqualTo(steps.get("started"));
    }
}
