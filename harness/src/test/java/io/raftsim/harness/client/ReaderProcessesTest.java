package io.raftsim.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.Workload;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reader processes ({@code --readers}) keep reads flowing to every node, and reach each new leader
 * within a few milliseconds of its election: the window in which a leader's read path is fragile.
 */
class ReaderProcessesTest {
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
                5,
                0,
                KnobPins.NONE);
        ClientOptions options = new ClientOptions(
                cfg.clients(),
                2_000,
                500,
                false,
                RUN_MS - 3_000,
                RUN_MS,
                true,
                ReaderMix.of(cfg.readers(), 1),
                WriterMix.none());
        // Reader requests per node, sampled every simulated millisecond.
        SampledClientRun run = SampledClientRun.run(cfg, options, ClientDriver::readerRequestsByNode, RUN_MS - 3_500);
        ClientDriver clients = run.clients;

        long[] total = clients.readerRequestsByNode();
        for (int n = 0; n < NODES; n++) {
            assertThat(total[n])
                    .as("reader requests to node %d (%s)", n, cfg.reproCommand())
                    .isGreaterThan(100);
        }
        // Every leader that stayed leader for REACH_MS got a reader request in its first REACH_MS.
        List<RoleChange> leaderships = run.leadershipsLasting(REACH_MS);
        for (RoleChange r : leaderships) {
            assertThat(run.movedWithin(r, REACH_MS))
                    .as(
                            "reader requests to node %d in the %d ms after it became leader at %d ms (%s)",
                            r.node(), REACH_MS, r.timeNs() / SampledClientRun.MS, cfg.reproCommand())
                    .isGreaterThan(0);
        }
        int elections = leaderships.size();
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
}
