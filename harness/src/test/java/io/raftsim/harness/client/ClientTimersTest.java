package io.raftsim.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NemesisDriver;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.Workload;
import io.raftsim.sim.EventLog;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;
import org.junit.jupiter.api.Test;

/**
 * A client's op time-out and attempt retry are cancelled when the op ends or the attempt is
 * superseded: in a fault-free run no op times out and almost no attempt needs a retry, so almost
 * none of those events should run. Left pending, each op ran one of each (they found nothing to do).
 */
class ClientTimersTest {
    private static final long MS = 1_000_000L;
    private static final long RUN_MS = 10_000;

    @Test
    void endedOpsLeaveNoTimeoutOrRetryEventBehind() {
        RunConfig cfg = new RunConfig(
                3,
                5,
                Workload.KV,
                400,
                RUN_MS,
                NemesisSpec.parse("none"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        ClientOptions options = new ClientOptions(
                cfg.clients(), 2_000, 500, true, RUN_MS, RUN_MS, true, ReaderMix.none(), WriterMix.none());
        RunInput input = RunInput.draw(cfg);
        Simulation sim = new Simulation(cfg.seed());
        EventLog log = sim.enableEventLog(1_000_000);
        InvariantMonitor monitor = new InvariantMonitor(cfg.nodes());
        Cluster cluster = new Cluster(sim, cfg.nodes(), input.schedule().knobs(), monitor, false);
        NemesisDriver nemesis = new NemesisDriver(cluster, input.schedule());
        ClientDriver clients = new ClientDriver(sim, cluster, monitor, options, input.ops());
        cluster.startAll();
        nemesis.start();
        clients.start();
        sim.run(Long.MAX_VALUE, RUN_MS * MS);

        long invokes = count(log, "client.invoke");
        long timeouts = count(log, "client.timeout");
        long retries = count(log, "client.retry");
        String run = cfg.reproCommand();
        assertThat(invokes).as("ops invoked (%s)", run).isGreaterThan(200);
        assertThat(timeouts).as("op time-outs that ran (%s)", run).isZero();
        assertThat(retries)
                .as("attempt retries that ran, of %d ops (%s)", invokes, run)
                .isLessThan(invokes / 20);
    }

    private static long count(EventLog log, String kind) {
        return log.records().stream().filter(e -> e.kind().equals(kind)).count();
    }
}
