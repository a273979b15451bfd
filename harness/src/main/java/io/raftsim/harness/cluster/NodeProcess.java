package io.raftsim.harness.cluster;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.harness.adapter.SimDiskFileSystem;
import io.raftsim.sim.NodeClock;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.disk.DiskConfig;
import io.raftsim.sim.disk.DiskLatency;
import io.raftsim.sim.disk.SimDisk;
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
    final SimDisk disk;
    final SimDiskFileSystem fs;
    private final Cluster cluster;
    Endpoint endpoint;
    ProcessStatus status = ProcessStatus.DOWN;
    private int incarnation;
    RaftNode node;
    KvStateMachine fsm;
    final ArrayDeque<Runnable> heldWhilePaused = new ArrayDeque<>();
    String lastState = "";
    long lastTerm = -1;
    String startFailure;
    /** The initial configuration this machine boots with; null: the cluster's (a replacement's differs). */
    io.raftsim.engine.Configuration bootConf;
    /** Retired by a replacement: never started again. */
    boolean retired;

    io.raftsim.engine.NodeOptions engineOptions;

    NodeProcess(Cluster cluster, Simulation sim, int index, NodeClock clock, long fsyncLatencyNs) {
        this.cluster = cluster;
        this.index = index;
        this.peer = PeerId.of("n" + index);
        this.clock = clock;
        this.engineClock = new SimClock(this, clock);
        DiskLatency latency = new DiskLatency(fsyncLatencyNs, 1_000L, fsyncLatencyNs / 2, 500L);
        this.disk = new SimDisk(sim, index, "n" + index, DiskConfig.defaults().withLatency(latency));
        // Disk completions are events of this process: held while it is paused, dropped once it died.
        this.fs = new SimDiskFileSystem(disk, r -> () -> runNow(r));
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

    /** Whether a replacement retired this machine for good. */
    public boolean retired() {
        return retired;
    }

    /** The engine node while the process is up or paused, else null. */
    public RaftNode node() {
        return node;
    }

    /** The options its engine was last started with (null before the first start). */
    public io.raftsim.engine.NodeOptions engineOptions() {
        return engineOptions;
    }

    /** The machine's disk (survives crashes); benchmarks read its counters. */
    public SimDisk disk() {
        return disk;
    }

    public KvStateMachine stateMachine() {
        return fsm;
    }

    /** Runs {@code task} as an event of the live incarnation (held while paused, dropped if down). */
    public void runNow(Runnable task) {
        run(incarnation, task);
    }

    /**
     * A message the network delivered to this machine: handled now by the live process, held while
     * it is paused, dropped while it is down (as {@link #run} with the live incarnation). A running
     * process, the common case, handles it without wrapping it in a task: one allocation per
     * message less.
     */
    void receive(io.raftsim.engine.message.RaftMessage message) {
        if (status == ProcessStatus.UP) {
            deliver(message);
            cluster.afterNodeEvent(this);
        } else {
            run(incarnation, () -> deliver(message));
        }
    }

    private void deliver(io.raftsim.engine.message.RaftMessage message) {
        if (node != null) {
            node.receive(message);
            cluster.afterDelivery(this, message);
        }
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
