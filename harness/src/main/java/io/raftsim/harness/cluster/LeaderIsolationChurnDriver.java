package io.raftsim.harness.cluster;

import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.Faults.Isolate;
import io.raftsim.workload.nemesis.LeaderIsolationChurn;
import io.raftsim.workload.nemesis.Link;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays one {@link LeaderIsolationChurn} event: isolates the node that leads (the links isolate
 * does, node to node only: clients still reach it, and read under its lease there), heals a drawn
 * {@code 0..maxHoldMs} after another node leads, or {@link #MAX_WAIT_MS} after the isolation when
 * none does (a cluster of two elects no one without the isolated node), then isolates the next
 * leader a drawn {@code 0..maxGapMs} later, until the event ends. One node is cut off at a time, a
 * minority, for a bounded time: a correct engine survives every step. Leadership is watched by
 * polling the cluster every millisecond of simulated time, as {@link LeaderChurnDriver} does; the
 * drawn times come from the simulation's {@code nemesis.leader-isolation-churn} stream.
 */
final class LeaderIsolationChurnDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_MS = 1;
    /** How long an isolation waits for another leader before it heals anyway. */
    static final long MAX_WAIT_MS = 3_000;

    private final Cluster cluster;
    private final Simulation sim;
    private final LeaderIsolationChurn fault;
    private final long endNs;
    private final BooleanSupplier healed;
    /** Replaces this driver's partition in the nemesis' set (empty: none). */
    private final Consumer<TreeSet<Link>> partition;

    private final RandomStream rnd;

    /** The isolated machine, or null while the cluster runs whole. */
    private NodeProcess isolated;
    /** When the current isolation started, or the earliest next one may start (whole cluster). */
    private long sinceNs;
    /** When the current isolation heals, once another node leads; -1 before. */
    private long healAtNs = -1;

    private long isolations;

    LeaderIsolationChurnDriver(
            Cluster cluster,
            LeaderIsolationChurn fault,
            long endMs,
            BooleanSupplier healed,
            Consumer<TreeSet<Link>> partition) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.fault = fault;
        this.endNs = endMs * MS;
        this.healed = healed;
        this.partition = partition;
        this.rnd = sim.random("nemesis.leader-isolation-churn");
    }

    /** Isolates the current leader, if any, and starts following leadership. */
    void start() {
        sinceNs = sim.nowNs();
        poll();
    }

    /** Leaders isolated so far. */
    long isolations() {
        return isolations;
    }

    /** Ends the churn: the event is over, the isolated node (if any) rejoins. */
    void stop() {
        if (isolated != null) {
            isolated = null;
            partition.accept(new TreeSet<>());
        }
    }

    private void poll() {
        if (healed.getAsBoolean() || sim.nowNs() >= endNs) {
            return;
        }
        long now = sim.nowNs();
        if (isolated == null) {
            int leader = now >= sinceNs ? cluster.leader() : -1;
            if (leader >= 0) {
                isolated = cluster.process(leader);
                sinceNs = now;
                healAtNs = -1;
                isolations++;
                partition.accept(new Isolate(leader).blockedLinks(cluster.size()));
            }
        } else {
            int leader = cluster.leader();
            boolean replaced = leader >= 0 && cluster.process(leader) != isolated;
            if (healAtNs < 0 && replaced) {
                healAtNs = now + rnd.nextLong(fault.maxHoldMs() + 1) * MS;
            }
            boolean due = (healAtNs >= 0 && now >= healAtNs) || now - sinceNs >= MAX_WAIT_MS * MS;
            if (due) {
                stop();
                sinceNs = now + rnd.nextLong(fault.maxGapMs() + 1) * MS;
            }
        }
        sim.schedule(
                POLL_MS * MS,
                "nemesis.leader-isolation-poll",
                -1,
                FaultKind.LEADER_ISOLATION_CHURN.ordinal(),
                this::poll);
    }
}
