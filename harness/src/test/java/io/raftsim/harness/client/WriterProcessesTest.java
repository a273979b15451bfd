package io.raftsim.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.Workload;
import io.raftsim.history.OpType;
import io.raftsim.workload.nemesis.KnobPins;
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
                5,
                KnobPins.NONE);
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
        // Writer writes each node acknowledged, sampled every simulated millisecond.
        SampledClientRun run = SampledClientRun.run(cfg, options, ClientDriver::writerAcksByNode, RUN_MS - 3_500);
        ClientDriver clients = run.clients;

        long[] requests = clients.writerRequestsByNode();
        for (int n = 0; n < NODES; n++) {
            assertThat(requests[n])
                    .as("writer requests to node %d (%s)", n, cfg.reproCommand())
                    .isGreaterThan(50);
        }
        List<RoleChange> leaderships = run.leadershipsLasting(COMMIT_WITHIN_MS);
        List<Integer> leaders = new ArrayList<>();
        for (RoleChange r : leaderships) {
            leaders.add(r.node());
            assertThat(run.movedWithin(r, COMMIT_WITHIN_MS))
                    .as(
                            "writer writes node %d committed in the %d ms after it became leader at %d ms (%s)",
                            r.node(), COMMIT_WITHIN_MS, r.timeNs() / SampledClientRun.MS, cfg.reproCommand())
                    .isGreaterThan(0);
        }
        int elections = leaderships.size();
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
}
