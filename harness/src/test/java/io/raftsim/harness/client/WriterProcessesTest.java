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
import io.raftsim.history.OpType;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writer processes ({@code --writers}) start every write at their own node and write through
 * whichever node leads: every node gets writer requests, every node that leads for a while commits
 * writer writes, and each new leader commits one soon after its election (the clients, who try the
 * servers in turn, can sit on a deposed leader for a whole attempt timeout).
 */
class WriterProcessesTest {
    private static final long MS = 1_000_000L;
    private static final int NODES = 5;
    private static final long RUN_MS = 12_000;
    /**
     * A new leader commits a writer's write within this of its election: its first entry and the
     * write each need a round trip and the slower of two fsyncs (1 to 30 ms per machine), and the
     * writers find the leader within a re-send (10 ms) plus back-offs. The clients' attempt timeout
     * is 500 ms.
     */
    private static final long COMMIT_WITHIN_MS = 150;

    @Test
    void writersWriteThroughEveryLeaderSoonAfterItsElection() {
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
                0,
                5);
        RunInput input = RunInput.draw(cfg);
        Simulation sim = new Simulation(cfg.seed());
        InvariantMonitor monitor = new InvariantMonitor(NODES);
        Cluster cluster = new Cluster(sim, NODES, input.schedule().knobs(), monitor, false);
        NemesisDriver nemesis = new NemesisDriver(cluster, input.schedule());
        ClientOptions options = new ClientOptions(
                cfg.clients(),
                2_000,
                500,
                false,
                RUN_MS - 3_000,
                RUN_MS,
                true,
                ReaderMix.none(),
                WriterMix.of(cfg.writers(), 1, 5));
        ClientDriver clients = new ClientDriver(sim, cluster, monitor, options, input.ops());
        // Writer writes each node acknowledged, sampled every simulated millisecond.
        List<long[]> acks = new ArrayList<>();
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            acks.add(clients.writerAcksByNode());
            sim.schedule(MS, "test.sample", -1, 0, sample[0]);
        };
        cluster.startAll();
        nemesis.start();
        clients.start();
        sample[0].run();
        sim.run(Long.MAX_VALUE, (RUN_MS - 3_500) * MS);

        long[] requests = clients.writerRequestsByNode();
        for (int n = 0; n < NODES; n++) {
            assertThat(requests[n])
                    .as("writer requests to node %d (%s)", n, cfg.reproCommand())
                    .isGreaterThan(50);
        }
        List<RoleChange> roles = cluster.roleChanges();
        int elections = 0;
        List<Integer> leaders = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleChange r = roles.get(i);
            int at = (int) (r.timeNs() / MS);
            if (!r.state().equals("LEADER") || at + COMMIT_WITHIN_MS >= acks.size() || leftSoon(roles, i)) {
                continue;
            }
            elections++;
            leaders.add(r.node());
            long before = acks.get(at)[r.node()];
            long after = acks.get(at + (int) COMMIT_WITHIN_MS)[r.node()];
            assertThat(after)
                    .as(
                            "writer writes node %d committed in the %d ms after it became leader at %d ms (%s)",
                            r.node(), COMMIT_WITHIN_MS, at, cfg.reproCommand())
                    .isGreaterThan(before);
        }
        assertThat(elections).as("elections observed (%s)", cfg.reproCommand()).isGreaterThanOrEqualTo(3);
        assertThat(leaders.stream().distinct().count())
                .as("distinct leaders %s (%s)", leaders, cfg.reproCommand())
                .isGreaterThanOrEqualTo(2);
        // Writers write values above the workload's range (5 for the register), each its own.
        long writerOks = clients.history().stream()
                .filter(o -> o.type() == OpType.OK && o.f().equals("write"))
                .filter(o -> o.value() instanceof Long v && v >= 5)
                .count();
        assertThat(writerOks)
                .as("ok writes by writer processes (%s)", cfg.reproCommand())
                .isGreaterThan(100);
    }

    /** The node left this leadership (or went down) within COMMIT_WITHIN_MS. */
    private static boolean leftSoon(List<RoleChange> roles, int i) {
        RoleChange r = roles.get(i);
        for (int j = i + 1; j < roles.size(); j++) {
            RoleChange next = roles.get(j);
            if (next.node() == r.node()) {
                return next.timeNs() - r.timeNs() <= COMMIT_WITHIN_MS * MS;
            }
        }
        return false;
    }
}
