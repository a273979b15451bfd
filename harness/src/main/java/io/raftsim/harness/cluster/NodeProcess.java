package io.raftsim.harness.cluster;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.sim.NodeClock;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.workload.kv.KvStateMachine;
import java.util.ArrayDeque;

/**
 * One simulated server process: its machine (clock and disk survive crashes) and, while it is up,
 * the engine's node and state machine. Every event of the process goes through {@link #run}, which
 * drops events of a dead incarnation and holds events while the process is paused.
 */
public final class NodeProcess {
    final int index;
    final PeerId peer;
    final NodeClock clock;
    final SimClock engineClock;
    final MemoryFileSystem fs;
    private final Cluster cluster;
    Endpoint endpoint;
    ProcessStatus status = ProcessStatus.DOWN;
    private int incarnation;
    RaftNode node;
    KvStateMachine fsm;
    final ArrayDeque<Runnable> heldWhilePaused = new ArrayDeque<>();
    String lastState = "";
    long lastTerm = -1;
    long leaderEvents;

    NodeProcess(Cluster cluster, int index, NodeClock clock, long fsSeed, long fsyncLatencyNs) {
        this.cluster = cluster;
        this.index = index;
        this.peer = PeerId.of("n" + index);
        this.clock = clock;
        this.engineClock = new SimClock(this, clock);
        this.fs = new MemoryFileSystem(
                engineClock,
                io.raftsim.engine.spi.fs.memory.MemoryFsOptions.DEFAULT
                        .withFsyncLatencyNanos(fsyncLatencyNs)
                        .withDirSyncLatencyNanos(fsyncLatencyNs),
                fsSeed);
    }

    int incarnation() {
        return incarnation;
    }

    void nextIncarnation() {
        incarnation++;
    }

    public int index() {
        return index;
    }

    public ProcessStatus status() {
        return status;
    }

    /** The engine node while the process is up or paused, else null. */
    public RaftNode node() {
        return node;
    }

    /** The machine's disk (survives crashes); benchmarks read its counters. */
    public MemoryFileSystem fileSystem() {
        return fs;
    }

    public KvStateMachine stateMachine() {
        return fsm;
    }

    /** Runs {@code task} as an event of the live incarnation (held while paused, dropped if down). */
    public void runNow(Runnable task) {
        run(incarnation, task);
    }

    /** Runs one event of this process, if it belongs to the live incarnation; held while paused. */
    void run(int forIncarnation, Runnable task) {
        if (forIncarnation != incarnation || status == ProcessStatus.DOWN) {
            return;
        }
        if (status == ProcessStatus.PAUSED) {
            heldWhilePaused.add(task);
            return;
        }
        task.run();
        cluster.afterNodeEvent(this);
    }
}
