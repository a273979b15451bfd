package io.raftsim.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.Workload;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.Faults.IsolateLeader;
import io.raftsim.workload.nemesis.Faults.LeaderClockDrift;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.nemesis.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * leader-clock-drift drifts the leader's clock, whichever node leads: it stays on a leader cut off
 * from the others for as long as that node believes it leads (the clock its lease runs on), then
 * moves to the new leader; one clock drifts at a time, and none once the event is over.
 */
class LeaderClockDriftTest {
    private static final long MS = 1_000_000L;
    private static final int NODES = 5;
    private static final long DRIFT_FROM_MS = 1_000;
    private static final long DRIFT_MS = 4_000;
    private static final long ISOLATE_AT_MS = 2_000;
    private static final long ISOLATE_MS = 1_500;
    private static final long DRIFT_PPM = -120_000;

    /** One millisecond's view: each node's clock drift and whether it believes it leads. */
    private record Sample(double[] drift, boolean[] leads, int leader) {
        int drifting() {
            int d = -1;
            for (int n = 0; n < drift.length; n++) {
                if (drift[n] != 0) {
                    if (d >= 0) {
                        throw new AssertionError("two clocks drift at once: nodes " + d + " and " + n);
                    }
                    d = n;
                }
            }
            return d;
        }
    }

    @Test
    void theDriftFollowsLeadershipButStaysOnADeposedLeaderThatStillBelievesItLeads() {
        RunConfig cfg = new RunConfig(
                3,
                NODES,
                Workload.REGISTER,
                200,
                8_000,
                NemesisSpec.parse("leader-clock-drift,isolate-leader"),
                ReadMode.READ_INDEX,
                3,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        List<FaultEvent> events = List.of(
                new FaultEvent(DRIFT_FROM_MS, DRIFT_MS, new LeaderClockDrift(DRIFT_PPM)),
                new FaultEvent(ISOLATE_AT_MS, ISOLATE_MS, new IsolateLeader()));
        Schedule schedule = RunInput.draw(cfg).schedule().withEvents(events);
        String repro = "schedule " + events + " on " + cfg.reproCommand();
        Simulation sim = new Simulation(cfg.seed());
        Cluster cluster = new Cluster(sim, NODES, schedule.knobs(), new InvariantMonitor(NODES), false);
        NemesisDriver nemesis = new NemesisDriver(cluster, schedule);
        List<Sample> samples = new ArrayList<>();
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            double[] drift = new double[NODES];
            boolean[] leads = new boolean[NODES];
            for (int n = 0; n < NODES; n++) {
                NodeProcess p = cluster.process(n);
                drift[n] = p.clock.drift();
                leads[n] = p.status == ProcessStatus.UP
                        && p.node() != null
                        && p.node().isLeader();
            }
            samples.add(new Sample(drift, leads, cluster.leader()));
            sim.schedule(MS, "test.sample", -1, 0, sample[0]);
        };
        cluster.startAll();
        nemesis.start();
        sample[0].run();
        sim.run(Long.MAX_VALUE, (DRIFT_FROM_MS + DRIFT_MS + 500) * MS);

        // Before the event no clock drifts; once it runs the leader's does, at the drawn rate.
        assertThat(samples.get((int) DRIFT_FROM_MS - 1).drifting()).as(repro).isEqualTo(-1);
        Sample before = samples.get((int) ISOLATE_AT_MS - 1);
        int oldLeader = before.leader();
        assertThat(oldLeader).as("a leader before the isolation; %s", repro).isGreaterThanOrEqualTo(0);
        assertThat(before.drifting()).as(repro).isEqualTo(oldLeader);
        assertThat(before.drift()[oldLeader]).isEqualTo(DRIFT_PPM * 1e-6);
        // The isolated leader keeps the drift for as long as it believes it leads, even once
        // another node leads (the window in which its lease decides what its reads return): until
        // CheckQuorum deposes it, or, without CheckQuorum, the heal shows it the newer term.
        int deposedAt = -1;
        for (int t = (int) ISOLATE_AT_MS; t < DRIFT_FROM_MS + DRIFT_MS; t++) {
            Sample s = samples.get(t);
            if (!s.leads()[oldLeader]) {
                deposedAt = t;
                break;
            }
            assertThat(s.drifting()).as("drifting node at %d ms; %s", t, repro).isEqualTo(oldLeader);
        }
        assertThat(deposedAt).as("the isolated leader steps down; %s", repro).isPositive();
        // Then the drift moves to the node that leads, within a poll, and stays with leadership.
        Sample moved = samples.get(deposedAt + 2);
        assertThat(moved.leader()).as(repro).isNotEqualTo(oldLeader).isGreaterThanOrEqualTo(0);
        assertThat(moved.drifting())
                .as("drifting node 2 ms after n%d stepped down at %d ms; %s", oldLeader, deposedAt, repro)
                .isEqualTo(moved.leader());
        // After the event, no clock drifts.
        for (int t = (int) (DRIFT_FROM_MS + DRIFT_MS) + 1; t < samples.size(); t++) {
            assertThat(samples.get(t).drifting())
                    .as("drifting node at %d ms; %s", t, repro)
                    .isEqualTo(-1);
        }
        // Every sample had at most one drifting clock (drifting() throws otherwise).
        samples.forEach(Sample::drifting);
    }
}
