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
 * leader once a drawn {@code 0..maxGapMs} has passed and the leader has just heard back from a
 * majority in one heartbeat round (or {@link #MAX_ARMED_MS} later without that), until the event
 * ends. Right after an acknowledged round is when a deposed leader's lease runs longest past the
 * followers' last AppendEntries (the lease counts from the start of the last round a majority
 * answered, the followers' election timers from the last AppendEntries they got: cut off just
 * before the answers, the leader's lease would date from the round before, a heartbeat interval
 * earlier). One node is cut off at a time, a
 * minority, for a bounded time: a correct engine survives every step. Leadership is watched by
 * polling the cluster every millisecond of simulated time, as {@link LeaderChurnDriver} does; the
 * drawn times come from the simulation's {@code nemesis.leader-isolation-churn} stream.
 */
final class LeaderIsolationChurnDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_MS = 1;
    /** How long an isolation waits for another leader before it heals anyway. */
    static final long MAX_WAIT_MS = 3_000;
    /** How long an armed isolation waits for an acknowledged heartbeat round before it cuts anyway. */
    static final long MAX_ARMED_MS = 1_000;
    /** Answers to one heartbeat round reach the leader within this of each other. */
    private static final long ROUND_SPREAD_MS = 20;

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
    private long onAck;
    /** Followers that answered the leader's current round (peer names), since {@link #roundStartNs}. */
    private final TreeSet<String> answered = new TreeSet<>();

    private long roundStartNs = -1;

    /** This driver's delivery listener: one object, so that it can be removed. */
    private final java.util.function.BiConsumer<NodeProcess, io.raftsim.engine.message.RaftMessage> listener =
            this::delivered;

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
        cluster.addDeliveryListener(listener);
        poll();
    }

    /** A node handled a message: only a leader's successful AppendEntries answers count. */
    private void delivered(NodeProcess p, io.raftsim.engine.message.RaftMessage m) {
        if (m instanceof io.raftsim.engine.message.AppendEntriesResponse r && r.success() && p.node.isLeader()) {
            acked(p, r);
        }
    }

    /** A leader handled a successful answer: once a majority answered one round, cut it off. */
    private void acked(NodeProcess leaderProcess, io.raftsim.engine.message.AppendEntriesResponse r) {
        long now = sim.nowNs();
        if (isolated != null || now < sinceNs || healed.getAsBoolean() || now >= endNs) {
            return;
        }
        int leader = cluster.leader();
        if (leader < 0 || cluster.process(leader) != leaderProcess) {
            return;
        }
        if (roundStartNs < 0 || now - roundStartNs > ROUND_SPREAD_MS * MS) {
            answered.clear();
            roundStartNs = now;
        }
        answered.add(r.from().toString());
        // With itself, cluster.size() / 2 followers make a majority.
        if (answered.size() >= cluster.size() / 2) {
            onAck++;
            isolate(leader, now);
        }
    }

    private void isolate(int leader, long now) {
        isolated = cluster.process(leader);
        sinceNs = now;
        healAtNs = -1;
        isolations++;
        answered.clear();
        roundStartNs = -1;
        partition.accept(new Isolate(leader).blockedLinks(cluster.size()));
    }

    /** Leaders isolated so far. */
    long isolations() {
        return isolations;
    }

    /** Of {@link #isolations()}, those timed right after an acknowledged heartbeat round. */
    long isolationsOnAck() {
        return onAck;
    }

    /** Ends the churn: the event is over, the isolated node (if any) rejoins. */
    void stop() {
        cluster.removeDeliveryListener(listener);
        unisolate();
    }

    private void unisolate() {
        if (isolated != null) {
            isolated = null;
            partition.accept(new TreeSet<>());
        }
    }

    private void poll() {
        if (healed.getAsBoolean() || sim.nowNs() >= endNs) {
            cluster.removeDeliveryListener(listener);
            return;
        }
        long now = sim.nowNs();
        if (isolated == null) {
            // Armed since sinceNs: the leader is cut off on its next acknowledged round, or now.
            int leader = now >= sinceNs + MAX_ARMED_MS * MS ? cluster.leader() : -1;
            if (leader >= 0) {
                isolate(leader, now);
            }
        } else {
            int leader = cluster.leader();
            boolean replaced = leader >= 0 && cluster.process(leader) != isolated;
            if (healAtNs < 0 && replaced) {
                healAtNs = now + rnd.nextLong(fault.maxHoldMs() + 1) * MS;
            }
            boolean due = (healAtNs >= 0 && now >= healAtNs) || now - sinceNs >= MAX_WAIT_MS * MS;
            if (due) {
                unisolate();
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
