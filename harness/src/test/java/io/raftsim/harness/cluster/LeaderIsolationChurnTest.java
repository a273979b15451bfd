package io.raftsim.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.Workload;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.Link;
import io.raftsim.sim.net.Partition;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.nemesis.LeaderIsolationChurn;
import io.raftsim.workload.nemesis.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * leader-isolation-churn cuts off one leader after another: each isolation hits the node that leads
 * at that moment, right after a majority answered one of its rounds (its node-to-node links only,
 * one node at a time), lasts until another node leads plus at most the drawn hold, and none is left
 * once the event ends.
 */
class LeaderIsolationChurnTest {
    private static final long MS = 1_000_000L;
    private static final int NODES = 5;
    private static final long FROM_MS = 1_500;
    private static final long FOR_MS = 7_000;
    private static final long MAX_GAP_MS = 200;
    private static final long MAX_HOLD_MS = 100;

    /** One millisecond's view: the isolated node (-1: none) and the node that leads. */
    private record Sample(int isolated, int leader, long isolations) {}

    @Test
    void everyLeaderInTurnIsIsolatedUntilAnotherLeads() {
        RunConfig cfg = new RunConfig(
                5,
                NODES,
                Workload.REGISTER,
                200,
                12_000,
                NemesisSpec.parse("leader-isolation-churn"),
                ReadMode.LEASE,
                3,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        // The event ends before the schedule's heal (9 s of a 12 s run), which would end it anyway.
        List<FaultEvent> events =
                List.of(new FaultEvent(FROM_MS, FOR_MS, new LeaderIsolationChurn(MAX_GAP_MS, MAX_HOLD_MS)));
        Schedule schedule = RunInput.draw(cfg).schedule().withEvents(events);
        String repro = "schedule " + events + " on " + cfg.reproCommand();
        Simulation sim = new Simulation(cfg.seed());
        Cluster cluster = new Cluster(sim, NODES, schedule.knobs(), new InvariantMonitor(NODES), false);
        NemesisDriver nemesis = new NemesisDriver(cluster, schedule);
        List<Sample> samples = new ArrayList<>();
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            samples.add(new Sample(isolated(cluster), cluster.leader(), nemesis.leaderIsolations()));
            sim.schedule(MS, "test.sample", -1, 0, sample[0]);
        };
        cluster.startAll();
        nemesis.start();
        sample[0].run();
        sim.run(Long.MAX_VALUE, (FROM_MS + FOR_MS + 1_000) * MS);

        // Many isolations in one event: one per election, not one per event.
        long isolations = nemesis.leaderIsolations();
        assertThat(isolations).as(repro).isGreaterThanOrEqualTo(10);
        // With every node up, each leader's rounds are answered: each cut comes right after one.
        assertThat(nemesis.leaderIsolationsOnAck()).as(repro).isEqualTo(isolations);
        assertThat(samples.get((int) FROM_MS - 1).isolated()).as(repro).isEqualTo(-1);
        int starts = 0;
        for (int t = (int) FROM_MS; t < FROM_MS + FOR_MS; t++) {
            Sample before = samples.get(t - 1);
            Sample s = samples.get(t);
            if (s.isolated() >= 0 && s.isolated() != before.isolated()) {
                starts++;
                // A new isolation hits the node that led a millisecond before (the driver's poll).
                assertThat(s.isolated())
                        .as("isolated node at %d ms vs leader %d; %s", t, before.leader(), repro)
                        .isEqualTo(before.leader());
            }
            if (before.isolated() >= 0 && s.isolated() != before.isolated()) {
                // It healed only once another node led, at most the hold (and a poll) before; the
                // sample and the driver's poll of one millisecond run in either order.
                boolean anotherLed = false;
                for (int k = t; k >= Math.max(FROM_MS, t - MAX_HOLD_MS - 2); k--) {
                    Sample p = samples.get(k);
                    anotherLed |= p.leader() >= 0 && p.leader() != before.isolated();
                }
                assertThat(anotherLed)
                        .as(
                                "n%d healed at %d ms with no other leader in the hold before; %s",
                                before.isolated(), t, repro)
                        .isTrue();
            }
        }
        assertThat((long) starts).as(repro).isEqualTo(isolations);
        // After the event: nothing cut off, and no more isolations.
        for (int t = (int) (FROM_MS + FOR_MS) + 1; t < samples.size(); t++) {
            assertThat(samples.get(t).isolated()).as("at %d ms; %s", t, repro).isEqualTo(-1);
            assertThat(samples.get(t).isolations()).as(repro).isEqualTo(isolations);
        }
    }

    /**
     * The node the network's partition cuts off from every other node (-1: no partition); fails
     * if the partition has any other shape than one node's links both ways.
     */
    private static int isolated(Cluster cluster) {
        Partition p = cluster.network().currentPartition();
        if (p == null || p.blocked().isEmpty()) {
            return -1;
        }
        for (int n = 0; n < NODES; n++) {
            Endpoint e = cluster.process(n).endpoint;
            TreeSet<Link> cut = new TreeSet<>();
            for (int m = 0; m < NODES; m++) {
                if (m != n) {
                    cut.add(new Link(e, cluster.process(m).endpoint));
                    cut.add(new Link(cluster.process(m).endpoint, e));
                }
            }
            if (cut.equals(new TreeSet<>(p.blocked()))) {
                return n;
            }
        }
        throw new AssertionError("partition is not one node isolated: " + p);
    }
}
