package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * figure-eight plays the Raft paper's Figure 8 schedule against the cluster: in a run with only
 * that fault the whole chain happens (the old leader cut off, the majority's leader isolated and
 * crashed, the old leader re-elected and killed as soon as its commit index moves, the isolated
 * leader back among the nodes without the dead leader's term), the fault is counted in the
 * summary, and the unpatched engine stays valid: it commits the old leader's tail only together
 * with an entry of its own term, which the nemesis then keeps away from the rejoining leader.
 */
class FigureEightTest {
    private static RunConfig config(long seed) {
        return new RunConfig(
                seed,
                5,
                Workload.REGISTER,
                2000,
                20_000,
                NemesisSpec.parse("figure-eight"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
    }

    private record Played(RunOutcome outcome, Map<String, Long> steps) {}

    private static Played play(RunConfig cfg) {
        Map<String, Long> steps = new TreeMap<>();
        RunOutcome o = RunDriver.run(
                cfg, RunInput.draw(cfg), Duration.ofSeconds(30), Long.MAX_VALUE, (ms, ev) -> {}, new RunProbe() {
                    @Override
                    public void afterStop(Cluster cluster) {
                        // The driver's own steps, by their names without the fault's prefix.
                        cluster.nemesisSteps().forEach((name, n) -> {
                            if (name.startsWith("figure-eight.")) {
                                steps.put(name.substring("figure-eight.".length()), n);
                            }
                        });
                    }
                });
        return new Played(o, steps);
    }

    @Test
    void theWholeChainHappensAndTheFaultIsCounted() {
        RunConfig cfg = config(1);
        Played p = play(cfg);
        RunSummary s = p.outcome().summary();
        assertThat(s.faults()).as("repro: %s", cfg.reproCommand()).containsOnlyKeys("figure-eight");
        long fired = s.faults().get("figure-eight");
        assertThat(fired).isGreaterThan(0L);
        // Every event that fired got through every step up to the rival's return.
        for (String step : new String[] {
            "cut",
            "rival-isolated",
            "rival-crashed",
            "old-leader-restarted",
            "old-leader-reelected",
            "repairer-killed",
            "rival-rejoined"
        }) {
            assertThat(p.steps().getOrDefault(step, 0L))
                    .as("step %s (steps %s); repro: %s", step, p.steps(), cfg.reproCommand())
                    .isEqualTo(fired);
        }
        // Seed 1 draws one-entry batches: the old leader's tail needs several round trips to repair.
        assertThat(p.steps().getOrDefault("old-leader-restarted-with-long-tail", 0L))
                .as("steps %s", p.steps())
                .isGreaterThan(0L);
        assertThat(s.verdict())
                .as("failure %s; repro: %s", s.failure(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
        assertThat(s.ops().ok()).isGreaterThan(0);
    }

    @Test
    void theRepairingLeaderDiesRightAfterItsCommitIndexMoves() {
        // The kill comes within maxRepairKillDelayMs (at most 3) plus the 0.5 ms poll of the
        // leadership's start: the leader that won after a restart in the fault's window is DOWN
        // shortly after, while its followers are still catching up.
        RunConfig cfg = config(4);
        RunOutcome o = play(cfg).outcome();
        var roles = o.roles();
        int shortLeaderships = 0;
        for (int i = 0; i < roles.size(); i++) {
            var r = roles.get(i);
            if (!r.state().equals("LEADER")) {
                continue;
            }
            for (int j = i + 1; j < roles.size(); j++) {
                var next = roles.get(j);
                if (next.node() == r.node()) {
                    // An election timeout is at least 150 ms: a leader crashed well within that
                    // was crashed on purpose, once its first commit round came back.
                    if (next.state().equals("DOWN") && next.timeNs() - r.timeNs() < 100_000_000L) {
                        shortLeaderships++;
                    }
                    break;
                }
            }
        }
        assertThat(shortLeaderships).as("repro: %s", cfg.reproCommand()).isGreaterThan(0);
        assertThat(o.summary().verdict()).as("repro: %s", cfg.reproCommand()).isEqualTo(Verdict.VALID);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(0, 9);
    }

    /** The unpatched engine survives the schedule (the mutant figure8-commit-old-term does not). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unpatchedEngineStaysValid(long seed) {
        RunConfig cfg = config(seed);
        Played p = play(cfg);
        RunSummary s = p.outcome().summary();
        assertThat(s.verdict())
                .as("seed %d failed: %s (steps %s); repro: %s", seed, s.failure(), p.steps(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
        assertThat(p.steps().getOrDefault("repairer-killed", 0L))
                .as("the chain reached its kill on seed %d (steps %s)", seed, p.steps())
                .isGreaterThan(0L);
    }
}
