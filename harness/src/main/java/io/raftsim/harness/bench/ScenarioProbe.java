package io.raftsim.harness.bench;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.EngineTuning;
import io.raftsim.harness.run.RunProbe;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.disk.DiskLatency;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.net.LinkCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * Acts the parts of a {@link Scenario} that depend on the run's live state (which node leads now,
 * which one follows) and reads the counters the benchmark reports once the run stops: messages and
 * bytes on the network, fsyncs on every disk, snapshot chunk bytes. It also hands the variant's
 * {@link EngineTuning} to the cluster before it starts.
 */
final class ScenarioProbe implements RunProbe {
    private static final long MS = 1_000_000L;

    private final Scenario scenario;
    private final long seed;
    private final long healAtMs;
    private final EngineTuning tuning;
    private final long leaderKillEveryMs;
    /** Simulated ms at which a leader was killed. */
    final List<Long> leaderKillsMs = new ArrayList<>();

    LinkCounters network = LinkCounters.ZERO;
    long fsyncs;
    long snapshotBytes;

    ScenarioProbe(Scenario scenario, long seed, long healAtMs, EngineTuning tuning, long leaderKillEveryMs) {
        this.leaderKillEveryMs = leaderKillEveryMs;
        this.scenario = scenario;
        this.seed = seed;
        this.healAtMs = healAtMs;
        this.tuning = tuning;
    }

    @Override
    public void beforeStart(Cluster cluster) {
        cluster.tune(tuning);
        Simulation sim = cluster.simulation();
        if (scenario == Scenario.LEADER_KILL) {
            long restartMs = Scenario.LEADER_RESTART_AFTER_MS;
            for (long t = Scenario.FAULT_START_MS; t + restartMs <= healAtMs; t += leaderKillEveryMs) {
                long at = t;
                sim.scheduleAt(at * MS, "bench.kill-leader", -1, at, () -> {
                    int leader = cluster.leader();
                    if (leader < 0) {
                        return;
                    }
                    leaderKillsMs.add(at);
                    cluster.kill(leader, false);
                    sim.scheduleAt((at + restartMs) * MS, "bench.restart", leader, at, () -> cluster.restart(leader));
                });
            }
        } else if (scenario == Scenario.SLOW_DISK) {
            sim.scheduleAt(Scenario.FAULT_START_MS * MS, "bench.slow-disk", -1, 0, () -> {
                int slow = follower(cluster);
                SimDisk disk = cluster.process(slow).disk();
                DiskLatency normal = disk.config().latency();
                disk.setLatency(new DiskLatency(
                        Scenario.SLOW_FSYNC_MS * MS,
                        normal.writebackNsPerKiB(),
                        Scenario.SLOW_FSYNC_MS * MS / 2,
                        normal.readNsPerKiB()));
                sim.scheduleAt(healAtMs * MS, "bench.disk-healed", slow, 0, () -> disk.setLatency(normal));
            });
        }
    }

    /** The seed's target node, or the next one if the target leads: the slow disk is a follower's. */
    private int follower(Cluster cluster) {
        int n = cluster.size();
        int x = Scenario.target(seed, n);
        return cluster.leader() == x ? (x + 1) % n : x;
    }

    @Override
    public void afterStop(Cluster cluster) {
        network = cluster.network().totals();
        long total = 0;
        for (int i = 0; i < cluster.size(); i++) {
            total += cluster.process(i).disk().counters().fsyncs();
        }
        fsyncs = total;
        snapshotBytes = cluster.snapshotChunkBytesSent();
    }
}
