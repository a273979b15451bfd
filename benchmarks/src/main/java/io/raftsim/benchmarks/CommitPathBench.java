package io.raftsim.benchmarks;

import io.raftsim.engine.RaftNode;
import io.raftsim.engine.Task;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.kv.KvCommand;
import io.raftsim.workload.nemesis.EngineKnobs;
import io.raftsim.workload.ops.OpKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's step on the simulated world: a cluster of {@code nodes} with an elected leader;
 * each invocation proposes {@value #BATCH} writes on the leader and runs the simulation until all
 * of them committed and applied (engine steps on every node, network delivery, log appends and
 * fsyncs, online invariant checks). Reported per committed write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitPathBench {
    static final int BATCH = 100;
    private static final long MS = 1_000_000L;

    @Param({"3", "5"})
    public int nodes;

    private Simulation sim;
    private Cluster cluster;
    private long seq;

    @Setup(Level.Iteration)
    public void electLeader() {
        sim = new Simulation(1);
        cluster = new Cluster(sim, nodes, EngineKnobs.DEFAULTS, new InvariantMonitor(nodes), false);
        cluster.startAll();
        for (int i = 0; i < 100 && cluster.leader() < 0; i++) {
            sim.runFor(100 * MS);
        }
        if (cluster.leader() < 0) {
            throw new IllegalStateException("no leader after 10 s simulated");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long proposeAndCommit() {
        int leader = cluster.leader();
        if (leader < 0) {
            throw new IllegalStateException("the leader was lost in a fault-free run");
        }
        RaftNode node = cluster.process(leader).node();
        int[] done = {0};
        for (int i = 0; i < BATCH; i++) {
            seq++;
            KvCommand c = new KvCommand(OpKind.WRITE, 1, seq, (int) (seq % 16), seq, 0);
            node.apply(Task.of(c.encode(), st -> {
                if (!st.isOk()) {
                    throw new IllegalStateException("write " + c + " failed in a fault-free run: " + st);
                }
                done[0]++;
            }));
        }
        while (done[0] < BATCH) {
            sim.runFor(MS);
        }
        return seq;
    }
}
