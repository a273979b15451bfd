package io.raftsim.harness.client;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NemesisDriver;
import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A run of the cluster, nemesis and clients for the pinned-process tests (readers, writers), with a
 * per-node counter of the client driver sampled every simulated millisecond, so a test can ask how
 * the counter moved in the first milliseconds of each leadership.
 */
final class SampledClientRun {
    static final long MS = 1_000_000L;

    final RunConfig cfg;
    final Cluster cluster;
    final ClientDriver clients;
    /** The counter, per node, at each simulated millisecond from the start. */
    final List<long[]> samples = new ArrayList<>();

    private SampledClientRun(RunConfig cfg, Cluster cluster, ClientDriver clients) {
        this.cfg = cfg;
        this.cluster = cluster;
        this.clients = clients;
    }

    /** Runs {@code cfg} with {@code options} for {@code stopMs} simulated ms, sampling {@code counter}. */
    static SampledClientRun run(
            RunConfig cfg, ClientOptions options, Function<ClientDriver, long[]> counter, long stopMs) {
        RunInput input = RunInput.draw(cfg);
        Simulation sim = new Simulation(cfg.seed());
        InvariantMonitor monitor = new InvariantMonitor(cfg.nodes());
        Cluster cluster = new Cluster(sim, cfg.nodes(), input.schedule().knobs(), monitor, false);
        NemesisDriver nemesis = new NemesisDriver(cluster, input.schedule());
        ClientDriver clients = new ClientDriver(sim, cluster, monitor, options, input.ops());
        SampledClientRun run = new SampledClientRun(cfg, cluster, clients);
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            run.samples.add(counter.apply(clients));
            sim.schedule(MS, "test.sample", -1, 0, sample[0]);
        };
        cluster.startAll();
        nemesis.start();
        clients.start();
        sample[0].run();
        sim.run(Long.MAX_VALUE, stopMs * MS);
        return run;
    }

    /**
     * Leaderships that lasted longer than {@code withinMs} and began early enough for the samples
     * to cover {@code withinMs} after them.
     */
    List<RoleChange> leadershipsLasting(long withinMs) {
        List<RoleChange> roles = cluster.roleChanges();
        List<RoleChange> out = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleChange r = roles.get(i);
            int at = (int) (r.timeNs() / MS);
            if (r.state().equals("LEADER") && at + withinMs < samples.size() && !leftWithin(roles, i, withinMs)) {
                out.add(r);
            }
        }
        return out;
    }

    /** How far the counter of the leadership's node moved in the {@code withinMs} after it began. */
    long movedWithin(RoleChange leadership, long withinMs) {
        int at = (int) (leadership.timeNs() / MS);
        return samples.get(at + (int) withinMs)[leadership.node()] - samples.get(at)[leadership.node()];
    }

    /** The node left this leadership (or went down) within {@code withinMs}. */
    private static boolean leftWithin(List<RoleChange> roles, int i, long withinMs) {
        RoleChange r = roles.get(i);
        for (int j = i + 1; j < roles.size(); j++) {
            RoleChange next = roles.get(j);
            if (next.node() == r.node()) {
                return next.timeNs() - r.timeNs() <= withinMs * MS;
            }
        }
        return false;
    }
}
