package io.raftsim.harness.cluster;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.LeaseRace;
import io.raftsim.workload.nemesis.Link;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays one {@link LeaseRace} event, race after race. A race arms on the node that leads: its
 * clock runs {@code driftPpm} (slow); the first heartbeat round of that leader whose AppendEntries
 * reached followers of a majority (an AppendEntries carries the round it was sent in) has its
 * outgoing links cut at the delivery that made the majority, so every follower's election timer
 * last restarted on that round or before it; once followers of a majority answered the round (the
 * leader's lease now counts from its start, dissertation §6.4.1) its incoming links are cut too,
 * so that the next leader's AppendEntries does not depose it (or {@link #ANSWER_WAIT_MS} after
 * the first cut if the answers do not come). The lease then runs on the slow clock while the
 * followers' timers run on theirs: the drift margin of the lease is what keeps the two apart. The
 * partition heals a drawn {@code 0..maxHoldMs} after another node leads (or {@link #MAX_WAIT_MS}
 * after the first cut), the clock runs at the normal rate again (no step), and the next race arms
 * {@code 0..maxGapMs} later. One node is cut off at a time, for a bounded time, and one clock
 * drifts: a correct engine survives every step. Each step is counted in {@link
 * Cluster#nemesisSteps()} under {@code lease-race.*}; drawn times come from the simulation's
 * {@code nemesis.lease-race} stream.
 */
final class LeaseRaceDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_MS = 1;
    /** How long a race waits for another leader before it heals anyway. */
    static final long MAX_WAIT_MS = 3_000;
    /** How long the one-way cut waits for the round's answers before it cuts both ways anyway. */
    static final long ANSWER_WAIT_MS = 50;

    private enum Phase {
        IDLE,
        ARMED,
        CUT_OUT,
        CUT_BOTH
    }

    private final Cluster cluster;
    private final Simulation sim;
    private final LeaseRace fault;
    private final long endNs;
    private final BooleanSupplier healed;
    /** Replaces this driver's partition in the nemesis' set (empty: none). */
    private final Consumer<TreeSet<Link>> partition;

    private final RandomStream rnd;

    private Phase phase = Phase.IDLE;
    /** The raced leader (armed or cut off), or null while idle. */
    private NodeProcess racer;

    private int racerSlot;
    private long racerTerm;
    /** IDLE: the earliest the next race may arm; cut: when the first cut happened. */
    private long sinceNs;
    /** When the partition heals, once another node leads; -1 before. */
    private long healAtNs = -1;
    /** The newest round of the racer seen arriving, and the followers (slots) it reached. */
    private long round = -1;

    private final TreeSet<Integer> reached = new TreeSet<>();
    /** Followers (slots) that answered the cut round. */
    private final TreeSet<Integer> answered = new TreeSet<>();

    /** This driver's delivery listener: one object, so that it can be removed. */
    private final java.util.function.BiConsumer<NodeProcess, io.raftsim.engine.message.RaftMessage> listener =
            this::delivered;

    LeaseRaceDriver(
            Cluster cluster, LeaseRace fault, long endMs, BooleanSupplier healed, Consumer<TreeSet<Link>> partition) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.fault = fault;
        this.endNs = endMs * MS;
        this.healed = healed;
        this.partition = partition;
        this.rnd = sim.random("nemesis.lease-race");
    }

    void start() {
        sinceNs = sim.nowNs();
        cluster.addDeliveryListener(listener);
        poll();
    }

    /** Ends the event: the cut-off node (if any) rejoins and its clock runs at the normal rate. */
    void stop() {
        cluster.removeDeliveryListener(listener);
        endRace();
    }

    private void step(String name) {
        cluster.countNemesisStep("lease-race", name);
    }

    private void delivered(NodeProcess to, RaftMessage m) {
        if (phase == Phase.ARMED
                && m instanceof AppendEntriesRequest a
                && a.term() == racerTerm
                && a.from().equals(racer.peer)
                && to != racer) {
            if (a.readSeq() > round) {
                round = a.readSeq();
                reached.clear();
            }
            int slot = cluster.slotOf(to);
            if (a.readSeq() == round && slot >= 0) {
                reached.add(slot);
                // With itself, cluster.size() / 2 followers make a majority.
                if (reached.size() >= cluster.size() / 2) {
                    phase = Phase.CUT_OUT;
                    sinceNs = sim.nowNs();
                    answered.clear();
                    partition.accept(outgoing(racerSlot));
                    step("cut-out");
                }
            }
        } else if (phase == Phase.CUT_OUT
                && to == racer
                && m instanceof AppendEntriesResponse r
                && r.term() == racerTerm
                && r.readSeq() >= round) {
            // Any answer in the leader's term, accepted or not, acknowledges the round (Leader.step).
            NodeProcess from = cluster.processByPeer(r.from());
            if (from != null && cluster.slotOf(from) >= 0) {
                answered.add(cluster.slotOf(from));
            }
            if (answered.size() >= cluster.size() / 2) {
                cutBoth("cut-both-answered");
            }
        }
    }

    private void cutBoth(String why) {
        phase = Phase.CUT_BOTH;
        healAtNs = -1;
        partition.accept(new io.raftsim.workload.nemesis.Faults.Isolate(racerSlot).blockedLinks(cluster.size()));
        step(why);
    }

    /** The links from {@code slot} to every other node. */
    private TreeSet<Link> outgoing(int slot) {
        TreeSet<Link> out = new TreeSet<>();
        for (int s = 0; s < cluster.size(); s++) {
            if (s != slot) {
                out.add(new Link(slot, s));
            }
        }
        return out;
    }

    private void arm(int slot, long now) {
        racer = cluster.process(slot);
        racerSlot = slot;
        racerTerm = racer.node().status().term();
        round = -1;
        reached.clear();
        phase = Phase.ARMED;
        racer.clock.setDrift(fault.driftPpm() * 1e-6);
        sinceNs = now;
        step("armed");
    }

    /** Heals whatever the race cut, puts the racer's clock back to the normal rate, goes idle. */
    private void endRace() {
        if (phase == Phase.CUT_OUT || phase == Phase.CUT_BOTH) {
            partition.accept(new TreeSet<>());
        }
        if (racer != null) {
            racer.clock.setDrift(0);
        }
        racer = null;
        phase = Phase.IDLE;
        healAtNs = -1;
    }

    private void poll() {
        long now = sim.nowNs();
        if (healed.getAsBoolean() || now >= endNs) {
            cluster.removeDeliveryListener(listener);
            return;
        }
        switch (phase) {
            case IDLE -> {
                int leader = now >= sinceNs ? cluster.leader() : -1;
                if (leader >= 0) {
                    arm(leader, now);
                }
            }
            case ARMED -> {
                boolean stillLeads = racer.status == ProcessStatus.UP
                        && racer.node() != null
                        && racer.node().isLeader()
                        && racer.node().status().term() == racerTerm
                        && cluster.process(racerSlot) == racer;
                if (!stillLeads) {
                    // Deposed by something else before its round reached a majority: try the next one.
                    step("disarmed");
                    endRace();
                    sinceNs = now;
                }
            }
            case CUT_OUT -> {
                if (now - sinceNs >= ANSWER_WAIT_MS * MS) {
                    cutBoth("cut-both-unanswered");
                }
            }
            case CUT_BOTH -> {
                int leader = cluster.leader();
                boolean replaced = leader >= 0 && cluster.process(leader) != racer;
                if (healAtNs < 0 && replaced) {
                    healAtNs = now + rnd.nextLong(fault.maxHoldMs() + 1) * MS;
                    step("new-leader");
                }
                boolean due = (healAtNs >= 0 && now >= healAtNs) || now - sinceNs >= MAX_WAIT_MS * MS;
                if (due) {
                    endRace();
                    step("healed");
                    sinceNs = now + rnd.nextLong(fault.maxGapMs() + 1) * MS;
                }
            }
        }
        sim.schedule(POLL_MS * MS, "nemesis.lease-race-poll", -1, FaultKind.LEASE_RACE.ordinal(), this::poll);
    }
}
