package io.raftsim.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NemesisDriver;
import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.Workload;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.ops.ReaderMix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reader processes ({@code --readers}) keep reads flowing to every node, and reach each new leader
 * within a few milliseconds of its election: the window in which a leader's read path is fragile.
 */
class ReaderProcessesTest {
    private static final long MS = 1_000_000L;
    private static final int NODES = 5;
    private static final long RUN_MS = 12_000;
    /** Think time (<= 2 ms) plus a refused read's back-off (<= 2.5 ms) plus message latencies. */
    private static final long REACH_MS = 6;

    @Test
    void readersReachEveryNodeAndEachNewLeaderSoonAfterItsElection() {
        RunConfig cfg = new RunConfig(
                5,
                NODES,
                Workload.REGISTER,
                400,
                RUN_MS,
                NemesisSpec.parse("kill,isolate-leader,leader-churn"),
                ReadMode.READ_INDEX,
                3,
                2_000,
                false,
                5);
        RunInput input = RunInput.draw(cfg);
        Simulation sim = new Simulation(cfg.seed());
        InvariantMonitor monitor = new InvariantMonitor(NODES);
        Cluster cluster = new Cluster(sim, NODES, input.schedule().knobs(), monitor, false);
        NemesisDriver nemesis = new NemesisDriver(cluster, input.schedule());
        ClientOptions options = new ClientOptions(
                cfg.clients(), 2_000, 500, false, RUN_MS - 3_000, RUN_MS, true, ReaderMix.of(cfg.readers(), 1));
        ClientDriver clients = new ClientDriver(sim, cluster, monitor, options, input.ops());
        // Reader requests per node, sampled every simulated millisecond.
        List<long[]> samples = new ArrayList<>();
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            samples.add(clients.readerRequestsByNode());
            sim.schedule(MS, "test.sample", -1, 0, sample[0]);
        };
        cluster.startAll();
        nemesis.start();
        clients.start();
        sample[0].run();
        sim.run(Long.MAX_VALUE, (RUN_MS - 3_500) * MS);

        long[] total = clients.readerRequestsByNode();
        for (int n = 0; n < NODES; n++) {
            assertThat(total[n])
                    .as("reader requests to node %d (%s)", n, cfg.reproCommand())
                    .isGreaterThan(100);
        }
        // Every leader that stayed leader for REACH_MS got a reader request in its first REACH_MS.
        List<RoleChange> roles = cluster.roleChanges();
        int elections = 0;
        for (int i = 0; i < roles.size(); i++) {
            RoleChange r = roles.get(i);
            int sampleAt = (int) (r.timeNs() / MS);
            if (!r.state().equals("LEADER") || sampleAt + REACH_MS >= samples.size() || leftSoon(roles, i)) {
                continue;
            }
            elections++;
            long before = samples.get(sampleAt)[r.node()];
            long after = samples.get(sampleAt + (int) REACH_MS)[r.node()];
            assertThat(after)
                    .as(
                            "reader requests to node %d in the %d ms after it became leader at %d ms (%s)",
                            r.node(), REACH_MS, sampleAt, cfg.reproCommand())
                    .isGreaterThan(before);
        }
        assertThat(elections).as("elections observed (%s)", cfg.reproCommand()).isGreaterThanOrEqualTo(3);
        // Readers answer reads: ok reads are in the history under the readers' process ids.
        long readerOks = clients.history().stream()
                .filter(o -> o.type() == OpType.OK && o.f().equals("read"))
                .map(Op::process)
                .filter(p -> p instanceof ProcessId.Client c
                        && c.id() >= cfg.clients()
                        && c.id() < cfg.clients() + cfg.readers())
                .count();
        // Readers never retire, so their process ids are the ones right after the clients'.
        assertThat(readerOks)
                .as("ok reads by reader processes (%s)", cfg.reproCommand())
                .isGreaterThan(100);
    }

    /** The node left this leadership (or went down) within REACH_MS. */
    private static boolean leftSoon(List<RoleChange> roles, int i) {
        RoleChange r = roles.get(i);
        for (int j = i + 1; j < roles.size(); j++) {
            RoleChange next = roles.get(j);
            if (next.node() == r.node()) {
                return next.timeNs() - r.timeNs() <= REACH_MS * MS;
            }
        }
        return false;
    }
}
