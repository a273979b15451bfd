package io.raftsim.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunProbe;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.harness.run.Workload;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.Link;
import io.raftsim.sim.net.Partition;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * lease-race fires and plays its steps: leader after leader is armed (its clock slowed within the
 * lease's bound), cut off one way the moment its heartbeat round reached a majority, then both ways
 * once that round is answered, and healed after another node leads; the only partitions seen are
 * those two shapes. A correct engine's lease reads stay linearizable through all of it.
 */
class LeaseRaceTest {
    private static final long MS = 1_000_000L;

    @Test
    void everyRaceCutsOneWayThenBothAndTheUnpatchedLeaseHolds() {
        RunConfig cfg = new RunConfig(
                        2,
                        5,
                        Workload.REGISTER,
                        200,
                        12_000,
                        NemesisSpec.parse("lease-race"),
                        ReadMode.LEASE,
                        2,
                        2_000,
                        false,
                        5,
                        5,
                        KnobPins.NONE)
                .withKnobPins(KnobPins.parse(List.of("electionTimeoutMs=150")));
        String repro = "repro: " + cfg.reproCommand();
        Map<String, Long> steps = new TreeMap<>();
        Map<String, Long> shapes = new TreeMap<>();
        RunOutcome o = RunDriver.run(
                cfg, RunInput.draw(cfg), Duration.ofSeconds(60), Long.MAX_VALUE, (ms, ev) -> {}, new RunProbe() {
                    @Override
                    public void beforeStart(Cluster cluster) {
                        Runnable[] sample = new Runnable[1];
                        sample[0] = () -> {
                            shapes.merge(shape(cluster), 1L, Long::sum);
                            cluster.simulation().schedule(MS, "test.sample", -1, 0, sample[0]);
                        };
                        cluster.simulation().schedule(MS, "test.sample", -1, 0, sample[0]);
                    }

                    @Override
                    public void afterStop(Cluster cluster) {
                        steps.putAll(cluster.nemesisSteps());
                    }
                });
        RunSummary s = o.summary();
        assertThat(s.verdict()).as("failure %s; %s", s.failure(), repro).isEqualTo(Verdict.VALID);
        assertThat(s.faults()).as(repro).containsOnlyKeys(FaultKind.LEASE_RACE.cliName());
        long cutOut = steps.getOrDefault("lease-race.cut-out", 0L);
        assertThat(cutOut).as("steps %s; %s", steps, repro).isGreaterThanOrEqualTo(10);
        // With every node up, each leader's round is answered: every cut goes both ways on the answers.
        assertThat(steps.getOrDefault("lease-race.cut-both-answered", 0L))
                .as("steps %s", steps)
                .isEqualTo(cutOut);
        assertThat(steps.getOrDefault("lease-race.new-leader", 0L))
                .as("steps %s", steps)
                .isGreaterThanOrEqualTo(cutOut - 1);
        assertThat(steps.getOrDefault("lease-race.healed", 0L))
                .as("steps %s", steps)
                .isGreaterThanOrEqualTo(cutOut - 1);
        assertThat(shapes.keySet())
                .as("partition shapes sampled each ms; %s", repro)
                .contains("none", "out", "isolated");
        assertThat(shapes.keySet()).as("partition shapes; %s", repro).containsOnly("none", "out", "isolated");
    }

    /** "none", "out" (one node's outgoing links only), "isolated" (one node both ways), or the links. */
    private static String shape(Cluster cluster) {
        Partition p = cluster.network().currentPartition();
        if (p == null || p.blocked().isEmpty()) {
            return "none";
        }
        TreeSet<Link> blocked = new TreeSet<>(p.blocked());
        for (int n = 0; n < cluster.size(); n++) {
            Endpoint e = cluster.process(n).endpoint;
            TreeSet<Link> out = new TreeSet<>();
            TreeSet<Link> both = new TreeSet<>();
            for (int m = 0; m < cluster.size(); m++) {
                if (m != n) {
                    Endpoint f = cluster.process(m).endpoint;
                    out.add(new Link(e, f));
                    both.add(new Link(e, f));
                    both.add(new Link(f, e));
                }
            }
            if (blocked.equals(out)) {
                return "out";
            }
            if (blocked.equals(both)) {
                return "isolated";
            }
        }
        return blocked.toString();
    }
}
