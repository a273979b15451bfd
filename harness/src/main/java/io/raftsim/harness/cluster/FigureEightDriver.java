package io.raftsim.harness.cluster;

import io.raftsim.engine.NodeDescription;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.SplitMix64;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.FigureEight;
import io.raftsim.workload.nemesis.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays one {@link FigureEight} event, the Raft paper's Figure 8 (§5.4.2) as a schedule that
 * reacts to the cluster: each step waits for what the previous one set up (a leader elected, a
 * commit index moved) and acts within half a millisecond of it, less than the network's 1 ms
 * minimum latency, so that "before its first AppendEntries lands" is really before. Steps:
 *
 * <ol>
 *   <li><b>cut</b>: the leader {@code A} and {@code f-1} followers ({@code f = (n-1)/2}) are cut off
 *       from the other {@code n-f} nodes; clients, which are not on the server network, keep
 *       reaching {@code A}, so it appends entries only its minority holds.
 *   <li><b>rival isolated</b>: the first leader the majority side elects ({@code E}) is isolated at
 *       once, and <b>crashed</b> once its log is durable: its term's entries (its configuration
 *       entry, writes sent to it) exist on its disk alone.
 *   <li><b>old leader restarted</b>, its followers crashed, once {@code E} is down and {@code A}'s
 *       uncommitted tail is longer than one AppendEntries batch (so that repairing it takes
 *       several round trips), or {@code A} lost its leadership, or {@code tailWaitMs} passed; it
 *       comes back on the majority side, which cannot elect anyone else without {@code E}.
 *   <li><b>old leader re-elected</b>: {@code A} wins and repairs the others' logs with its old-term
 *       tail ({@code E} restarts meanwhile, still cut off); {@code A} is <b>killed</b> a drawn
 *       {@code 0..maxRepairKillDelayMs} after its commit index first moves (the crash loses
 *       whatever it still had on the wire).
 *   <li><b>rival rejoined</b>: every node whose log ends in an entry of {@code A}'s new term is cut
 *       off, {@code E} rejoins the rest and the crashed followers restart; the next election among
 *       them is counted as <b>rival won</b> when {@code E} wins it.
 * </ol>
 *
 * The event ends half a second after that election, or at its scheduled end: this fault's
 * partition is lifted and the nodes it crashed restart. At most {@code f} nodes are ever down (the
 * generator overlaps no other fault that takes nodes down or partitions, and the event is skipped
 * unless every node is up when it starts). A correct engine commits an old-term entry only together
 * with an entry of the repairing leader's own term, which a majority then holds, so {@code E} cannot
 * win and the cluster just waits for the partition to lift.
 */
final class FigureEightDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_NS = 500_000L;
    /** How long the cluster runs under the last step's partition once someone won the election. */
    private static final long SETTLE_MS = 500;

    /** Partition groups: nodes talk only within their group. */
    private static final int MINORITY = 0;

    private static final int MAJORITY = 1;
    private static final int RIVAL = 2;
    private static final int HOLDERS = 3;

    private enum Phase {
        CUT,
        REELECT,
        REPAIR,
        RIVAL_REJOINED,
        SETTLE,
        DONE
    }

    private final Cluster cluster;
    private final Simulation sim;
    private final FigureEight fault;
    private final long endNs;
    private final BooleanSupplier healed;
    private final int batchEntries;
    private final Consumer<TreeSet<Link>> partition;
    private final SplitMix64 rnd;
    private final int[] group;

    private Phase phase = Phase.CUT;
    private int seenRoleChanges;
    private int oldLeader = -1;
    private final List<Integer> followers = new ArrayList<>();
    /** The machines this fault crashed, by slot, so that only they are restarted. */
    private final List<NodeProcess> crashed = new ArrayList<>();

    private long oldTerm;
    private int rival = -1;
    private long rivalTerm;
    /** The rival's last log index when it was noticed as leader: its own term's first entry. */
    private long rivalLastIndex;

    private long tailDeadlineNs;
    private long repairTerm;
    private long commitAtElection;
    private long killDelayMs;
    /** When the repairing leader dies: set on its first commit advance, -1 before. */
    private long killAtNs = -1;

    private long settleUntilNs;

    /**
     * @param batchEntries the engine's most entries per AppendEntries: the tail worth waiting for
     * @param partition sets this fault's blocked links (empty: none)
     */
    FigureEightDriver(
            Cluster cluster,
            FigureEight fault,
            long endMs,
            BooleanSupplier healed,
            int batchEntries,
            Consumer<TreeSet<Link>> partition) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.fault = fault;
        this.endNs = endMs * MS;
        this.healed = healed;
        this.batchEntries = batchEntries;
        this.partition = partition;
        this.rnd = new SplitMix64(fault.selector());
        this.group = new int[cluster.size()];
    }

    /**
     * Cuts the current leader off with its minority; returns false (nothing done) without a leader,
     * with fewer than 3 nodes, or while some node is not up.
     */
    boolean start() {
        int n = cluster.size();
        int leader = cluster.leader();
        if (n < 3 || leader < 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            NodeProcess p = cluster.process(i);
            if (p.status != ProcessStatus.UP || p.node == null) {
                return false;
            }
        }
        oldLeader = leader;
        oldTerm = cluster.process(leader).node.status().term();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            group[i] = MAJORITY;
            if (i != leader) {
                others.add(i);
            }
        }
        group[leader] = MINORITY;
        int f = (n - 1) / 2;
        for (int k = 0; k < f - 1; k++) {
            int pick = others.remove(rnd.nextInt(others.size()));
            followers.add(pick);
            group[pick] = MINORITY;
        }
        applyGroups();
        step("cut");
        seenRoleChanges = cluster.roleChanges().size();
        tailDeadlineNs = Long.MAX_VALUE;
        poll();
        return true;
    }

    private boolean over() {
        return healed.getAsBoolean() || sim.nowNs() >= endNs;
    }

    private void poll() {
        if (phase == Phase.DONE) {
            return;
        }
        if (over()) {
            finish();
            return;
        }
        switch (phase) {
            case CUT -> cut();
            case REELECT -> reelect();
            case REPAIR -> repair();
            case RIVAL_REJOINED -> rivalRejoined();
            case SETTLE -> {
                if (sim.nowNs() >= settleUntilNs) {
                    finish();
                }
            }
            case DONE -> {}
        }
        seenRoleChanges = cluster.roleChanges().size();
        if (phase != Phase.DONE) {
            sim.schedule(POLL_NS, "nemesis.fig8-poll", -1, FaultKind.FIGURE_EIGHT.ordinal(), this::poll);
        }
    }

    /**
     * Steps 1-3: wait for the majority side's leader (isolate it, crash it once its own entries are
     * durable) and for the old leader's tail.
     */
    private void cut() {
        NodeProcess a = cluster.process(oldLeader);
        if (a.status != ProcessStatus.UP || a.node == null) {
            finish();
            return;
        }
        if (rival < 0) {
            int won = newLeader(oldTerm);
            if (won >= 0 && group[won] == MAJORITY) {
                rival = won;
                NodeDescription r = cluster.process(won).node.describe();
                rivalTerm = r.term();
                rivalLastIndex = r.lastLogIndex();
                group[rival] = RIVAL;
                applyGroups();
                step("rival-isolated");
                tailDeadlineNs = sim.nowNs() + fault.tailWaitMs() * MS;
            }
            return;
        }
        NodeProcess e = cluster.process(rival);
        if (e.status == ProcessStatus.UP && e.node != null) {
            // Figure 8 (b): the rival crashes with its term's entries on its disk alone. A crash,
            // not a lasting isolation: an isolated leader without CheckQuorum stays leader of its
            // term, and on rejoining would replicate to the old leader's restarted followers (still
            // in an older term) and cut their tails, which Raft allows but is not this schedule.
            if (e.node.describe().durableLogIndex() < rivalLastIndex) {
                return;
            }
            crash(rival);
            step("rival-crashed");
        }
        NodeDescription d = a.node.describe();
        boolean longTail = d.lastLogIndex() - d.commitIndex() > batchEntries;
        if (!longTail && a.node.isLeader() && sim.nowNs() < tailDeadlineNs) {
            return;
        }
        for (int node : followers) {
            crash(node);
        }
        step("old-leader-restarted");
        if (longTail) {
            step("old-leader-restarted-with-long-tail");
        }
        // The old leader restarts (a crash and a boot in one step: with the rival and its
        // followers down, a separate crash would take a majority down) on the majority side, which
        // cannot elect anyone else: the rival is down and the old leader's log is the most up to date.
        group[oldLeader] = MAJORITY;
        applyGroups();
        cluster.restart(oldLeader);
        if (!crashed.contains(a)) {
            crashed.add(a);
        }
        phase = cluster.process(oldLeader).status == ProcessStatus.UP ? Phase.REELECT : Phase.DONE;
        if (phase == Phase.DONE) {
            finish();
        }
    }

    /** Step 4: the old leader wins again; note its commit index at the start of its term. */
    private void reelect() {
        NodeProcess a = cluster.process(oldLeader);
        if (a.status != ProcessStatus.UP || a.node == null) {
            finish();
            return;
        }
        if (a.node.isLeader() && a.node.status().term() > rivalTerm) {
            repairTerm = a.node.status().term();
            commitAtElection = a.node.status().commitIndex();
            long h = rnd.nextLong();
            long delayMs = (h & 1) == 0 ? 0 : Math.floorMod(h >> 1, fault.maxRepairKillDelayMs() + 1);
            killDelayMs = delayMs;
            killAtNs = -1;
            phase = Phase.REPAIR;
            step("old-leader-reelected");
            // The rival comes back, still cut off: by the time it rejoins it is a follower whose
            // election timer has been running.
            restartIfCrashedHere(rival);
            return;
        }
        int other = newLeader(rivalTerm);
        if (other >= 0 && other != oldLeader) {
            finish();
        }
    }

    /** Step 4, continued: kill the repairing leader once its commit index moved; then step 5. */
    private void repair() {
        NodeProcess a = cluster.process(oldLeader);
        if (a.status != ProcessStatus.UP || a.node == null || !a.node.isLeader()) {
            finish();
            return;
        }
        if (a.node.status().term() != repairTerm) {
            finish();
            return;
        }
        if (a.node.status().commitIndex() <= commitAtElection) {
            return;
        }
        if (killAtNs < 0) {
            killAtNs = sim.nowNs() + killDelayMs * MS;
        }
        if (sim.nowNs() < killAtNs) {
            return;
        }
        crash(oldLeader);
        step("repairer-killed");
        // Figure 8 (d): whoever holds an entry of the dead leader's term is cut off; the rival
        // rejoins the rest, and the old leader's crashed followers come back.
        int n = cluster.size();
        for (int i = 0; i < n; i++) {
            NodeProcess p = cluster.process(i);
            if (i == rival || i == oldLeader || p.status != ProcessStatus.UP) {
                continue;
            }
            if (cluster.monitor().lastLogTerm(p.index()) >= repairTerm) {
                group[i] = HOLDERS;
            }
        }
        group[rival] = MAJORITY;
        for (int node : followers) {
            group[node] = MAJORITY;
        }
        applyGroups();
        for (int node : followers) {
            restartIfCrashedHere(node);
        }
        phase = Phase.RIVAL_REJOINED;
        step("rival-rejoined");
    }

    /** Step 5: the next election after the rival rejoined. */
    private void rivalRejoined() {
        int won = newLeader(repairTerm);
        if (won < 0) {
            return;
        }
        step(won == rival ? "rival-won" : "other-won");
        phase = Phase.SETTLE;
        settleUntilNs = sim.nowNs() + SETTLE_MS * MS;
    }

    /** The slot of a node that became leader in a term above {@code term} since the last poll, or -1. */
    private int newLeader(long term) {
        List<RoleChange> changes = cluster.roleChanges();
        for (int i = seenRoleChanges; i < changes.size(); i++) {
            RoleChange c = changes.get(i);
            if (c.state().equals("LEADER") && c.term() > term) {
                int slot = cluster.slotOf(cluster.processById(c.node()));
                if (slot >= 0) {
                    return slot;
                }
            }
        }
        return -1;
    }

    private void crash(int slot) {
        NodeProcess p = cluster.process(slot);
        if (p.status == ProcessStatus.DOWN) {
            return;
        }
        cluster.kill(slot, false);
        if (!crashed.contains(p)) {
            crashed.add(p);
        }
    }

    /** Restarts {@code slot} if this fault crashed the machine now in it and it is still down. */
    private void restartIfCrashedHere(int slot) {
        NodeProcess p = cluster.process(slot);
        if (crashed.contains(p) && p.status == ProcessStatus.DOWN) {
            cluster.restart(slot);
        }
    }

    /** Lifts this fault's partition and restarts what it crashed (unless the nemesis healed all). */
    private void finish() {
        phase = Phase.DONE;
        if (healed.getAsBoolean()) {
            return;
        }
        partition.accept(new TreeSet<>());
        for (int i = 0; i < cluster.size(); i++) {
            restartIfCrashedHere(i);
        }
    }

    private void applyGroups() {
        TreeSet<Link> blocked = new TreeSet<>();
        for (int i = 0; i < group.length; i++) {
            for (int j = 0; j < group.length; j++) {
                if (i != j && group[i] != group[j]) {
                    blocked.add(new Link(i, j));
                }
            }
        }
        partition.accept(blocked);
    }

    /** Counted in {@link Cluster#nemesisSteps()} as {@code figure-eight.<name>}. */
    private void step(String name) {
        cluster.countNemesisStep("figure-eight", name);
    }
}
