package io.raftsim.harness.cluster;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.Status;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.workload.nemesis.Faults.MajorityMinority;
import io.raftsim.workload.nemesis.Link;
import io.raftsim.workload.nemesis.MembershipRace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays one {@link MembershipRace}. The steps react to the cluster's state, read from outside as an
 * operator's tooling would: who leads (the role timeline), and which voters each node's latest
 * configuration entry names ({@code listPeers}: a node uses the latest configuration in its log,
 * committed or not, dissertation §4.1).
 *
 * <ol>
 *   <li>Setup, when the configuration has an odd number of voters or with {@code addFirst}: remove
 *       a node through the leader, retried until done.
 *   <li>Ask the leader L1 to add that node back ({@code addFirst}) or remove another. Poll every
 *       {@link #FINE_POLL_NS} how many nodes hold the new configuration; as soon as {@code
 *       strandOn} do (a minority, L1 included), cut them off from the rest. If the entry reached a
 *       majority first, the race is lost: the nemesis just restores the voters.
 *   <li>Within {@link #ELECTION_POLL_NS} of a node of the other side winning an election in a
 *       later term (L2), ask it to remove another node (L1 itself, half of the time: the
 *       unreachable old leader); a refusal (EAGAIN before L2 committed in its term, EBUSY while a
 *       change runs) is asked again every {@code retryMs}, against whoever leads that side. With
 *       {@code swingVoter}, one of L2's followers moves to the cut-off side at the same moment.
 *   <li>{@code returnAfterMs} after L2's election, reconnect the cut-off side.
 *   <li>Add back every node the race removed, through whichever node leads, every {@link
 *       #RESTORE_MS} until all are voters again (after the heal too), so the quiet phase runs with
 *       the full configuration.
 * </ol>
 *
 * Each step counts into {@link Cluster#nemesisSteps()}, so a campaign shows how far its races got.
 */
final class MembershipRaceDriver {
    private static final long MS = 1_000_000L;
    /** The configuration entry travels in 1-2 ms per hop: 100 us resolves who holds it. */
    private static final long FINE_POLL_NS = 100_000L;
    /** An election is noticed within this much of the role change (the new leader's first 0.2 ms). */
    private static final long ELECTION_POLL_NS = 200_000L;
    /** How long after the return the driver watches whether the cut-off side leads again. */
    private static final long WATCH_AFTER_RETURN_MS = 2_000;

    static final long RESTORE_MS = 300;

    enum Phase {
        SETUP,
        FIRST_CHANGE,
        WAIT_STRAND,
        WAIT_NEW_LEADER,
        SECOND_CHANGE,
        WAIT_RETURN,
        RESTORE,
        DONE
    }

    private final Cluster cluster;
    private final Simulation sim;
    private final MembershipRace fault;
    private final long endNs;
    private final BooleanSupplier healed;
    /** Sets this race's blocked links among the nemesis's active partitions (empty: none). */
    private final Consumer<TreeSet<Link>> partition;

    private final Runnable onChange;

    private Phase phase;
    /** The node the setup removes (-1: no setup), and the node the first change adds or removes. */
    private final int setupNode;

    private int a = -1;
    private int b = -1;
    private int oldLeader = -1;
    private long oldTerm;
    private int newLeader = -1;
    private long newTerm;
    private TreeSet<PeerId> target;
    /** The slots that were voters on L1 before the first change. */
    private TreeSet<Integer> oldVoters = new TreeSet<>();

    private List<Integer> cutSlots = List.of();
    private Runnable reconnect;
    private int seenRoleChanges;
    private long attempts;
    /** Role changes already looked at by the old-side watcher, and how long it watches. */
    private int seenOldSide;

    private long watchUntilNs;
    private boolean watching;
    private long electedAtNs;
    private boolean watchOldSide;
    private final TreeSet<Integer> toRestore = new TreeSet<>();

    /**
     * @param leader the slot leading when the event starts
     * @param onChange told of every membership change the engine completed (OK) that changed the voters
     */
    MembershipRaceDriver(
            Cluster cluster,
            MembershipRace fault,
            int leader,
            long endMs,
            BooleanSupplier healed,
            Consumer<TreeSet<Link>> partition,
            Runnable onChange) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.fault = fault;
        this.endNs = endMs * MS;
        this.healed = healed;
        this.partition = partition;
        this.onChange = onChange;
        RaftNode l = upNode(leader);
        boolean oddVoters = l != null && l.listPeers().size() % 2 == 1;
        this.setupNode = fault.addFirst() || oddVoters ? pick(0, excluding(leader, -1)) : -1;
    }

    /** Whether the driver still has membership work in flight (the one-change-at-a-time rule). */
    boolean done() {
        return phase == Phase.DONE;
    }

    /** Counted in {@link Cluster#nemesisSteps()} as {@code membership-race.<name>}. */
    private void step(String name) {
        cluster.countNemesisStep("membership-race", name);
    }

    /** The {@code k}-th draw: one of {@code candidates}, from the fault's selector. */
    private int pick(int k, List<Integer> candidates) {
        return candidates.get(Math.floorMod(StableHash.combine(fault.selector(), k), candidates.size()));
    }

    private List<Integer> excluding(int x, int y) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < cluster.size(); s++) {
            if (s != x && s != y) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean over() {
        return healed.getAsBoolean() || sim.nowNs() >= endNs;
    }

    private PeerId peer(int slot) {
        return cluster.process(slot).peer;
    }

    private RaftNode upNode(int slot) {
        NodeProcess p = cluster.process(slot);
        return p.status == ProcessStatus.UP ? p.node : null;
    }

    void start() {
        step("started");
        // Whatever step the race is at when the event ends, the cut-off side returns and the
        // voters are restored (a change still pending then is answered, and ignored, later).
        sim.scheduleAt(Math.max(sim.nowNs(), endNs), "nemesis.race-end", -1, setupNode, () -> {
            if (phase != Phase.RESTORE && phase != Phase.DONE) {
                step("ended-in-"
                        + phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                reconnect();
                restore();
            }
        });
        if (setupNode >= 0) {
            phase = Phase.SETUP;
            toRestore.add(setupNode);
            setup();
        } else {
            phase = Phase.FIRST_CHANGE;
            firstChange();
        }
    }

    // ---------------------------------------------------------------- 1. setup: an even configuration

    private void setup() {
        if (phase != Phase.SETUP) {
            return;
        }
        if (over()) {
            restore();
            return;
        }
        NodeProcess leader = cluster.leaderProcess();
        if (leader != null) {
            leader.runNow(() -> {
                RaftNode node = leader.node();
                if (node == null || phase != Phase.SETUP) {
                    return;
                }
                boolean changes = node.listPeers().contains(peer(setupNode));
                node.removePeer(peer(setupNode), st -> {
                    if (st.isOk() && phase == Phase.SETUP) {
                        if (changes) {
                            onChange.run();
                        }
                        step("setup-removed");
                        phase = Phase.FIRST_CHANGE;
                        // Not inside the engine's callback: the operator's next command comes later.
                        sim.schedule(fault.retryMs() * MS, "nemesis.race-first", -1, setupNode, this::firstChange);
                    }
                });
            });
        }
        sim.schedule(RESTORE_MS * MS, "nemesis.race-setup", -1, setupNode, this::setup);
    }

    // ---------------------------------------------------------------- 2. first change, stranded

    private void firstChange() {
        if (phase != Phase.FIRST_CHANGE) {
            return;
        }
        if (over()) {
            restore();
            return;
        }
        int l1 = cluster.leader();
        RaftNode node = l1 < 0 ? null : upNode(l1);
        if (node == null || l1 == setupNode) {
            sim.schedule(fault.retryMs() * MS, "nemesis.race-first", -1, setupNode, this::firstChange);
            return;
        }
        // Add back the node the setup removed, or remove another one (not the leader).
        a = fault.addFirst() ? setupNode : pick(3, excluding(l1, setupNode));
        TreeSet<PeerId> want = new TreeSet<>(node.listPeers());
        boolean changes = fault.addFirst() ? want.add(peer(a)) : want.remove(peer(a));
        if (!changes) {
            // Someone else already put the configuration where this change would: nothing to race.
            step("first-change-moot");
            restore();
            return;
        }
        oldLeader = l1;
        oldTerm = node.status().term();
        oldVoters = new TreeSet<>();
        for (int s = 0; s < cluster.size(); s++) {
            if (node.listPeers().contains(peer(s))) {
                oldVoters.add(s);
            }
        }
        target = want;
        toRestore.add(a);
        long attempt = ++attempts;
        cluster.process(l1).runNow(() -> {
            if (fault.addFirst()) {
                node.addPeer(peer(a), st -> firstAnswered(st, attempt));
            } else {
                node.removePeer(peer(a), st -> firstAnswered(st, attempt));
            }
        });
        phase = Phase.WAIT_STRAND;
        watchStrand();
    }

    /**
     * The engine's answer to the first change (braft runs closures later, never inside the call): a
     * refusal while the race still waits for the entry is asked again; an OK is the change done.
     */
    private void firstAnswered(Status st, long attempt) {
        if (st.isOk()) {
            onChange.run();
            step("first-change-committed");
            return;
        }
        if (phase == Phase.WAIT_STRAND && attempt == attempts && !holders().contains(oldLeader)) {
            step("first-change-refused-" + st.code().name());
            phase = Phase.FIRST_CHANGE;
            sim.schedule(fault.retryMs() * MS, "nemesis.race-first", -1, a, this::firstChange);
        }
    }

    /** The slots whose node holds {@link #target} as its latest configuration. */
    private List<Integer> holders() {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < cluster.size(); s++) {
            NodeProcess p = cluster.process(s);
            if (p.node != null && new TreeSet<>(p.node.listPeers()).equals(target)) {
                out.add(s);
            }
        }
        return out;
    }

    private void watchStrand() {
        if (phase != Phase.WAIT_STRAND) {
            return;
        }
        RaftNode l1 = upNode(oldLeader);
        if (over() || l1 == null || !l1.isLeader() || l1.status().term() != oldTerm) {
            step("first-change-lost-leader");
            restore();
            return;
        }
        List<Integer> holders = holders();
        int minority = (cluster.size() - 1) / 2;
        // The rest must still be able to elect a leader under the configuration before the change.
        int restOld = 0;
        for (int s : oldVoters) {
            if (!holders.contains(s)) {
                restOld++;
            }
        }
        if (holders.size() > minority || restOld * 2 <= oldVoters.size()) {
            step("first-change-reached-majority");
            restore();
            return;
        }
        // A removal reaches only old voters: cut before one more holder would leave the rest unable
        // to elect (in four voters, the old leader alone). An addition may reach the new node next.
        boolean oneMoreVoterTooMany = (restOld - 1) * 2 <= oldVoters.size();
        boolean enough =
                holders.size() >= Math.min(fault.strandOn(), minority) || (oneMoreVoterTooMany && !fault.addFirst());
        if (holders.contains(oldLeader) && enough) {
            cutSlots = List.copyOf(holders);
            reconnect = cutOff(cutSlots);
            step("stranded-on-" + holders.size());
            phase = Phase.WAIT_NEW_LEADER;
            seenRoleChanges = cluster.roleChanges().size();
            watchNewLeader();
            return;
        }
        sim.schedule(FINE_POLL_NS, "nemesis.race-strand", -1, a, this::watchStrand);
    }

    // ---------------------------------------------------------------- 3. new leader, second change

    private void watchNewLeader() {
        if (phase != Phase.WAIT_NEW_LEADER) {
            return;
        }
        if (over()) {
            reconnect();
            restore();
            return;
        }
        List<RoleChange> changes = cluster.roleChanges();
        for (int i = seenRoleChanges; i < changes.size() && newLeader < 0; i++) {
            RoleChange c = changes.get(i);
            if (!c.state().equals("LEADER") || c.term() <= oldTerm) {
                continue;
            }
            int slot = cluster.slotOf(cluster.processById(c.node()));
            if (slot >= 0 && !cutSlots.contains(slot)) {
                newLeader = slot;
                newTerm = c.term();
                electedAtNs = c.timeNs();
            }
        }
        seenRoleChanges = changes.size();
        if (newLeader >= 0) {
            step("new-leader-elected");
            // Half of the time the operator removes the old leader it cannot reach any more.
            b = (StableHash.combine(fault.selector(), 1) & 1) == 0 ? oldLeader : pick(2, excluding(a, newLeader));
            if (b == newLeader || b == a) {
                b = oldLeader;
            }
            toRestore.add(b);
            if (fault.swingVoter()) {
                swing();
            }
            sim.schedule(fault.returnAfterMs() * MS, "nemesis.race-return", -1, b, () -> {
                if (phase == Phase.SECOND_CHANGE || phase == Phase.WAIT_RETURN) {
                    reconnect();
                    if (phase == Phase.WAIT_RETURN) {
                        restore();
                    }
                }
            });
            phase = Phase.SECOND_CHANGE;
            secondChange();
            return;
        }
        sim.schedule(ELECTION_POLL_NS, "nemesis.race-elect", -1, a, this::watchNewLeader);
    }

    /**
     * One of L2's voters moves to the cut-off side now, before L2's first AppendEntries reaches it
     * (it is 0.2 ms into L2's term; a hop takes 1-2 ms and a partition loses what is in flight):
     * it helped elect L2 and holds nothing of L2's term, so the old side may win an election with
     * it, under the old leader's configuration.
     */
    private void swing() {
        List<Integer> candidates = new ArrayList<>();
        for (int s = 0; s < cluster.size(); s++) {
            if (s != newLeader && !cutSlots.contains(s) && oldVoters.contains(s)) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty() || reconnect == null) {
            return;
        }
        int w = pick(4, candidates);
        reconnect.run();
        List<Integer> side = new ArrayList<>(cutSlots);
        side.add(w);
        cutSlots = List.copyOf(side);
        reconnect = cutOff(cutSlots);
        step("swing-voter-moved");
        watchOldSide = true;
        seenOldSide = cluster.roleChanges().size();
        watchOldSide(endNs);
    }

    /** The leader of the majority side in the highest term, or -1. */
    private int majoritySideLeader() {
        int best = -1;
        long bestTerm = -1;
        for (int s = 0; s < cluster.size(); s++) {
            RaftNode n = upNode(s);
            if (n != null && !cutSlots.contains(s) && n.isLeader() && n.status().term() > bestTerm) {
                best = s;
                bestTerm = n.status().term();
            }
        }
        return best;
    }

    private void secondChange() {
        if (phase != Phase.SECOND_CHANGE) {
            return;
        }
        if (over()) {
            reconnect();
            restore();
            return;
        }
        // Before the return, the side L2 is on; after it, whoever leads.
        int l2 = reconnect == null ? cluster.leader() : majoritySideLeader();
        RaftNode node = l2 < 0 ? null : upNode(l2);
        if (node == null) {
            sim.schedule(fault.retryMs() * MS, "nemesis.race-second", -1, b, this::secondChange);
            return;
        }
        boolean changes = node.listPeers().contains(peer(b));
        long attempt = ++attempts;
        long askedAtNs = sim.nowNs();
        if (attempt == firstSecondAttempt()) {
            step("second-change-asked-within-" + bucketUs(askedAtNs - electedAtNs) + "us-of-election");
        }
        cluster.process(l2).runNow(() -> node.removePeer(peer(b), st -> secondAnswered(st, attempt, changes)));
    }

    private long firstSecondAttempt = -1;

    private long firstSecondAttempt() {
        if (firstSecondAttempt < 0) {
            firstSecondAttempt = attempts;
        }
        return firstSecondAttempt;
    }

    /** Coarse, for the step name: 0-200, 200-1000, 1000+ microseconds. */
    private static String bucketUs(long ns) {
        long us = ns / 1_000;
        return us <= 200 ? "200" : us <= 1_000 ? "1000" : "inf";
    }

    /**
     * The engine's answer to the second change: a refusal (EAGAIN before the new leader committed in
     * its term, EBUSY while another change runs, ENOTLEADER) is asked again {@code retryMs} later, as
     * an operator tool retries; an OK is the change committed, and the cut-off side returns {@code
     * returnAfterMs} later.
     */
    private void secondAnswered(Status st, long attempt, boolean changes) {
        if (!st.isOk()) {
            step("second-change-refused-" + st.code().name());
            if (phase == Phase.SECOND_CHANGE && attempt == attempts) {
                sim.schedule(fault.retryMs() * MS, "nemesis.race-second", -1, b, this::secondChange);
            }
            return;
        }
        if (changes) {
            onChange.run();
        }
        step("second-change-committed");
        if (phase != Phase.SECOND_CHANGE) {
            return;
        }
        if (reconnect == null) {
            // Already returned: the operator moves on to adding the nodes back (not inside the
            // engine's callback).
            phase = Phase.WAIT_RETURN;
            sim.schedule(RESTORE_MS * MS, "nemesis.race-restore", -1, b, this::restore);
        } else {
            phase = Phase.WAIT_RETURN;
        }
    }

    // ---------------------------------------------------------------- 4. return, 5. restore

    /** Cuts {@code slots} off from the other nodes; returns the undo (a no-op after the heal). */
    private Runnable cutOff(List<Integer> slots) {
        partition.accept(new MajorityMinority(slots).blockedLinks(cluster.size()));
        return () -> partition.accept(new TreeSet<>());
    }

    private void reconnect() {
        if (reconnect == null) {
            return;
        }
        reconnect.run();
        reconnect = null;
        step("old-side-returned");
        if (!watchOldSide) {
            watchOldSide = true;
            seenOldSide = cluster.roleChanges().size();
        }
        watchOldSide(sim.nowNs() + WATCH_AFTER_RETURN_MS * MS);
    }

    private void watchOldSide(long untilNs) {
        if (watchUntilNs >= untilNs && watching) {
            watchUntilNs = Math.max(watchUntilNs, untilNs);
            return;
        }
        watchUntilNs = Math.max(watchUntilNs, untilNs);
        watching = true;
        pollOldSide();
    }

    private void pollOldSide() {
        noteOldSideLeaders();
        if (watchOldSide && sim.nowNs() < watchUntilNs) {
            sim.schedule(MS, "nemesis.race-watch", -1, oldLeader, this::pollOldSide);
        } else {
            watching = false;
        }
    }

    /** Adds back every node the race removed, through whichever node leads, until all are voters. */
    private void restore() {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.RESTORE;
        if (toRestore.isEmpty()) {
            finish();
            return;
        }
        int node = toRestore.first();
        NodeProcess leader = cluster.leaderProcess();
        if (leader != null) {
            leader.runNow(() -> {
                RaftNode n = leader.node();
                if (n == null || phase != Phase.RESTORE) {
                    return;
                }
                boolean wasVoter = n.listPeers().contains(peer(node));
                n.addPeer(peer(node), st -> {
                    if (st.isOk() && toRestore.remove(node)) {
                        if (!wasVoter) {
                            onChange.run();
                        }
                        if (toRestore.isEmpty()) {
                            finish();
                        }
                    }
                });
            });
        }
        if (phase == Phase.RESTORE) {
            sim.schedule(RESTORE_MS * MS, "nemesis.race-restore", -1, node, this::restore);
        }
    }

    private void finish() {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        step("restored");
    }

    /** After the return: did a node of the cut-off side lead again (in a term after the new leader's)? */
    private void noteOldSideLeaders() {
        if (!watchOldSide) {
            return;
        }
        List<RoleChange> changes = cluster.roleChanges();
        for (int i = seenOldSide; i < changes.size(); i++) {
            RoleChange c = changes.get(i);
            int slot = cluster.slotOf(cluster.processById(c.node()));
            if (c.state().equals("LEADER") && c.term() > newTerm && cutSlots.contains(slot)) {
                step((slot == oldLeader ? "old-leader-led-again" : "old-side-follower-led")
                        + (reconnect == null ? "-after-return" : "-while-split"));
                watchOldSide = false;
                break;
            }
        }
        seenOldSide = changes.size();
    }

    /** What the driver waits for (for a liveness report). */
    String describe() {
        return "membership-race in phase " + phase + ", nodes still to add back: " + toRestore;
    }
}
