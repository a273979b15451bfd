package io.raftsim.harness.cluster;

import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.Link;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.LinkMode;
import io.raftsim.sim.net.Partition;
import io.raftsim.sim.net.SimNetwork;
import io.raftsim.workload.nemesis.Fault;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.Faults.*;
import io.raftsim.workload.nemesis.Schedule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plays a {@link Schedule} on a {@link Cluster}: each fault starts at its event's time and is
 * undone when the event ends; at the heal time every fault is cleared and every process brought up
 * (DESIGN.md section 5). Counts what fired per kind, and what could not act (for example
 * isolate-leader with no leader, or an operator action with no leader to ask).
 */
public final class NemesisDriver {
    private static final long MS = 1_000_000L;

    private final Cluster cluster;
    private final Simulation sim;
    private final SimNetwork<RaftMessage> net;
    private final Schedule schedule;
    private final Map<FaultKind, Long> fired = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Long> skipped = new EnumMap<>(FaultKind.class);
    /** Active partitions, united into the network's one partition. */
    private final List<TreeSet<io.raftsim.workload.nemesis.Link>> activePartitions = new ArrayList<>();
    /** Faults in progress, for the report's fault bands: (kind, start, end). */
    private final List<long[]> bands = new ArrayList<>();

    private final Map<String, Long> forcedSnapshotResults = new java.util.TreeMap<>();
    private long membershipChanges;
    /** Nodes removed by the membership fault and not yet voters again. */
    private final TreeSet<Integer> toReadd = new TreeSet<>();
    /** Nodes whose durable data a fault damaged (bit rot) or made unreadable (latent read errors). */
    private final TreeSet<Integer> damagedAtRest = new TreeSet<>();

    private static final long READD_RETRY_MS = 300;
    private long leaderTransfers;
    private final List<LeaderIsolationChurnDriver> leaderIsolationChurns = new ArrayList<>();

    private boolean healed;
    /** The replacement in flight (at most one: see {@link #replaceNode}), or null. */
    private Replacement replacement;
    /** The membership race in flight (at most one, like a replacement), or null. */
    private MembershipRaceDriver race;
    /** How far the membership races got, per step (see {@link MembershipRaceDriver}). */

    /** Spare identities a cluster needs to play {@code schedule}: one per replace-node event. */
    public static int sparesFor(Schedule schedule) {
        int n = 0;
        for (FaultEvent e : schedule.events()) {
            if (e.fault() instanceof ReplaceNode) {
                n++;
            }
        }
        return n;
    }

    public NemesisDriver(Cluster cluster, Schedule schedule) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.net = cluster.network();
        this.schedule = schedule;
        if (schedule.clusterSize() != cluster.size()) {
            throw new IllegalArgumentException(
                    "schedule is for " + schedule.clusterSize() + " nodes, the cluster has " + cluster.size());
        }
    }

    public void start() {
        List<FaultEvent> events = schedule.events();
        for (int i = 0; i < events.size(); i++) {
            FaultEvent e = events.get(i);
            long digest = StableHash.combine(i, e.fault().kind().ordinal());
            sim.scheduleAt(e.atMs() * MS, "nemesis.start", -1, digest, () -> begin(e));
        }
        sim.scheduleAt(schedule.healAtMs() * MS, "nemesis.heal", -1, 0, this::heal);
    }

    /**
     * The nodes whose storage a fault damaged at rest (a bit flip that hit a file) or made
     * unreadable (read errors): the only ones allowed to fail a restart.
     */
    public java.util.SortedSet<Integer> damagedAtRest() {
        return java.util.Collections.unmodifiableSortedSet(damagedAtRest);
    }

    public Map<FaultKind, Long> fired() {
        return fired;
    }

    public Map<FaultKind, Long> skipped() {
        return skipped;
    }

    /** Of {@link #leaderIsolations()}, those timed right after an acknowledged heartbeat round. */
    public long leaderIsolationsOnAck() {
        long n = 0;
        for (LeaderIsolationChurnDriver d : leaderIsolationChurns) {
            n += d.isolationsOnAck();
        }
        return n;
    }

    /** Leaders the leader-isolation-churn events have isolated so far, over all of them. */
    public long leaderIsolations() {
        long n = 0;
        for (LeaderIsolationChurnDriver d : leaderIsolationChurns) {
            n += d.isolations();
        }
        return n;
    }

    /** (kind ordinal, startMs, endMs) of every fault that acted. */
    public List<long[]> bands() {
        return bands;
    }

    private void count(Map<FaultKind, Long> m, FaultKind k) {
        m.merge(k, 1L, Long::sum);
    }

    private void later(FaultEvent e, Runnable undo) {
        bands.add(new long[] {e.fault().kind().ordinal(), e.atMs(), e.endMs()});
        if (e.durationMs() > 0) {
            sim.scheduleAt(e.endMs() * MS, "nemesis.end", -1, e.fault().kind().ordinal(), () -> {
                if (!healed) {
                    undo.run();
                }
            });
        }
    }

    private void begin(FaultEvent e) {
        if (healed) {
            return;
        }
        Fault f = e.fault();
        boolean acted = act(e, f);
        count(acted ? fired : skipped, f.kind());
    }

    private boolean act(FaultEvent e, Fault f) {
        if (f instanceof Kill k) {
            cluster.kill(k.node(), false);
            later(e, sameMachine(k.node(), () -> cluster.restart(k.node())));
        } else if (f instanceof TornCrash k) {
            cluster.kill(k.node(), true);
            later(e, sameMachine(k.node(), () -> cluster.restart(k.node())));
        } else if (f instanceof PowerLoss pl) {
            List<Runnable> restarts = new ArrayList<>();
            for (int node : pl.targets()) {
                cluster.powerLoss(node);
                restarts.add(sameMachine(node, () -> cluster.restart(node)));
            }
            later(e, () -> restarts.forEach(Runnable::run));
        } else if (f instanceof io.raftsim.workload.nemesis.LeaderChurn c) {
            new LeaderChurnDriver(cluster, c, e.endMs(), () -> healed).start();
            later(e, () -> {});
        } else if (f instanceof io.raftsim.workload.nemesis.FigureEight g) {
            return figureEight(e, g);
        } else if (f instanceof Pause p) {
            cluster.pause(p.node());
            later(e, sameMachine(p.node(), () -> cluster.resume(p.node())));
        } else if (f instanceof PartitionFault pf) {
            partition(e, pf.blockedLinks(cluster.size()));
        } else if (f instanceof IsolateLeader) {
            int leader = cluster.leader();
            if (leader < 0) {
                return false;
            }
            partition(e, new Isolate(leader).blockedLinks(cluster.size()));
        } else if (f instanceof io.raftsim.workload.nemesis.LeaderIsolationChurn c) {
            LeaderIsolationChurnDriver d =
                    new LeaderIsolationChurnDriver(cluster, c, e.endMs(), () -> healed, ownPartition());
            leaderIsolationChurns.add(d);
            d.start();
            later(e, d::stop);
        } else if (f instanceof io.raftsim.workload.nemesis.LeaseRace c) {
            LeaseRaceDriver d = new LeaseRaceDriver(cluster, c, e.endMs(), () -> healed, ownPartition());
            d.start();
            later(e, d::stop);
        } else if (f instanceof LinkLoss l) {
            reconfigureAround(l.node(), Cluster.defaultLink().withDrop(l.dropProbability()));
            later(e, () -> reconfigureAround(l.node(), Cluster.defaultLink()));
        } else if (f instanceof LinkDuplication l) {
            LinkConfig d = Cluster.defaultLink();
            LinkConfig dgram = new LinkConfig(
                    LinkMode.DATAGRAM,
                    d.latencyBaseNs(),
                    d.latencyJitterNs(),
                    d.tailProbability(),
                    d.tailLatencyNs(),
                    0.0,
                    l.duplicateProbability());
            reconfigureAround(l.node(), dgram);
            later(e, () -> reconfigureAround(l.node(), Cluster.defaultLink()));
        } else if (f instanceof LinkDelay l) {
            TreeSet<Link> links = new TreeSet<>();
            for (Link k : linksAround(l.node())) {
                links.add(k);
            }
            net.clog(new Partition("delay-n" + l.node(), links), sim.nowNs() + l.extraDelayMs() * MS);
            later(e, () -> {});
        } else if (f instanceof ClockOffset c) {
            cluster.process(c.node()).clock.addOffset(c.offsetMs() * MS);
            later(e, sameMachine(c.node(), () -> cluster.process(c.node()).clock.addOffset(-c.offsetMs() * MS)));
        } else if (f instanceof ClockDrift c) {
            cluster.process(c.node()).clock.setDrift(c.driftPpm() * 1e-6);
            later(e, sameMachine(c.node(), () -> cluster.process(c.node()).clock.setDrift(0)));
        } else if (f instanceof LeaderClockDrift c) {
            LeaderClockDriftDriver d = new LeaderClockDriftDriver(cluster, c, e.endMs(), () -> healed);
            d.start();
            later(e, d::stop);
        } else if (f instanceof ClockJump c) {
            io.raftsim.sim.NodeClock clock = cluster.process(c.node()).clock;
            clock.jumpTo(clock.nowNs() + c.jumpMs() * MS);
            later(e, () -> {});
        } else if (f instanceof DiskFault d) {
            return disk(e, d);
        } else if (f instanceof LeaderTransfer t) {
            return transferLeadership(t.target());
        } else if (f instanceof ForceSnapshot s) {
            return forceSnapshot(s.node());
        } else if (f instanceof RemoveAndReadd m) {
            return removeAndReadd(e, m.node());
        } else if (f instanceof ReplaceNode r) {
            return replaceNode(e, r);
        } else if (f instanceof io.raftsim.workload.nemesis.MembershipRace m) {
            return membershipRace(e, m);
        } else {
            throw new IllegalStateException("no action for fault " + f);
        }
        return true;
    }

    /**
     * Starts a {@link FigureEightDriver}; its partition is one of the active partitions, replaced
     * as its steps move on. Skipped (counted so) without a leader, in clusters under 3 nodes, or
     * while some node is not up.
     */
    private boolean figureEight(FaultEvent e, io.raftsim.workload.nemesis.FigureEight g) {
        FigureEightDriver d = new FigureEightDriver(
                cluster, g, e.endMs(), () -> healed, schedule.knobs().maxAppendEntries(), ownPartition());
        if (!d.start()) {
            return false;
        }
        later(e, () -> {});
        return true;
    }

    /**
     * One fault's partition among the active ones, replaced as that fault moves on (an empty set
     * lifts it): for the faults that choose their blocked links at run time.
     */
    private java.util.function.Consumer<TreeSet<io.raftsim.workload.nemesis.Link>> ownPartition() {
        // This fault's current blocked links, removed by identity (another fault's could be equal).
        List<TreeSet<io.raftsim.workload.nemesis.Link>> mine = new ArrayList<>();
        return blocked -> {
            for (TreeSet<io.raftsim.workload.nemesis.Link> old : mine) {
                activePartitions.removeIf(p -> p == old);
            }
            mine.clear();
            if (!blocked.isEmpty()) {
                mine.add(blocked);
                activePartitions.add(blocked);
            }
            applyPartitions();
        };
    }

    /**
     * The undo of a fault acts on the machine the fault hit: if a replacement has put another
     * machine into the slot meanwhile, there is nothing to undo (the old one is retired, the new
     * one was never hit).
     */
    private Runnable sameMachine(int slot, Runnable undo) {
        NodeProcess hit = cluster.process(slot);
        return () -> {
            if (cluster.process(slot) == hit) {
                undo.run();
            }
        };
    }

    /**
     * Replaces the machine in {@code r.node()} (see {@link Replacement} for the order of the
     * changes and why). Crashed: the old machine is killed and retired now. Either way a new
     * machine with a never-used identity and an empty disk takes the slot at once and starts; the
     * membership changes then go through whichever node leads, until done (after the heal too).
     * Skipped, and counted so, while another membership change is still in flight (see {@link
     * #membershipInFlight}), and for a crashed machine in a cluster of fewer than 3 (the survivor
     * alone is no majority).
     */
    private boolean replaceNode(FaultEvent e, ReplaceNode r) {
        if (membershipInFlight()) {
            return false;
        }
        if (r.crashed() && cluster.size() < 3) {
            return false;
        }
        NodeProcess old = cluster.process(r.node());
        if (r.crashed()) {
            cluster.retire(old);
        }
        NodeProcess fresh = cluster.provision(r.node());
        replacement = new Replacement(cluster, r.node(), old, fresh, r.crashed(), r.joint(), () -> membershipChanges++);
        replacement.step();
        later(e, () -> {});
        return true;
    }

    /**
     * One membership change at a time, as an operator runs them (and as the schedule generator
     * budgets them): a replacement or a removal whose re-addition has not been committed yet is
     * still in flight, however long ago its scheduled window ended, because both are retried until
     * the engine answers OK. The generator can only budget the windows; at run time a re-addition
     * blocked by a partition outlives its window, and a second change started then stacks two
     * missing voters on one configuration. With a node already lost for good (bit flips: its
     * engine refuses the corrupt log) that is permanent: in 5 slots, the removal leaves 4 voters,
     * one corrupt; a crashed replacement retires a second, and 2 of 4 is no majority, so neither
     * the re-addition nor the replacement can ever commit (dissertation §4.1 and §4.3: a change needs a majority of
     * the configuration it leaves). Seeds 250, 375 and 837 of the default fuzz ended that way.
     */
    private boolean membershipInFlight() {
        return !toReadd.isEmpty() || (replacement != null && !replacement.done()) || (race != null && !race.done());
    }

    /**
     * Starts a {@link MembershipRaceDriver} on the current leader. Skipped, and counted so, while
     * another membership change is in flight, without a leader, and in clusters of fewer than 3
     * (no minority to strand an entry on). Its steps run at the pace of the cluster's elections;
     * adding back the nodes it removed goes on after the event and the heal until done.
     */
    private boolean membershipRace(FaultEvent e, io.raftsim.workload.nemesis.MembershipRace m) {
        if (membershipInFlight() || cluster.size() < 3) {
            return false;
        }
        int leader = cluster.leader();
        if (leader < 0) {
            return false;
        }
        race = new MembershipRaceDriver(
                cluster, m, leader, e.endMs(), () -> healed, ownPartition(), () -> membershipChanges++);
        race.start();
        later(e, () -> {});
        return true;
    }

    /** Null when no replacement is unfinished; else what it waits for (a liveness failure at the end). */
    public String unfinishedReplacement() {
        return replacement == null || replacement.done() ? null : replacement.describe();
    }

    /**
     * Dissertation §4.3 on the current leader: remove {@code node} from the voters (it keeps running,
     * a follower nobody replicates to), and add it back when the event ends or at the heal. Fires
     * when a running leader accepted the removal; each change the engine completes (OK) counts.
     */
    private boolean removeAndReadd(FaultEvent e, int node) {
        if (membershipInFlight()) {
            return false;
        }
        int leader = cluster.leader();
        if (leader < 0) {
            return false;
        }
        NodeProcess p = cluster.process(leader);
        io.raftsim.engine.PeerId peer = cluster.process(node).peer;
        if (!p.node.listPeers().contains(peer)) {
            return false;
        }
        p.runNow(() -> p.node.removePeer(peer, st -> {
            if (st.isOk()) {
                membershipChanges++;
            }
        }));
        toReadd.add(node);
        later(e, () -> readd(node));
        return true;
    }

    /** Whether some node's term is already past {@code term}: a leader of {@code term} is deposed. */
    private boolean laterTermThan(long term) {
        for (int i = 0; i < cluster.size(); i++) {
            NodeProcess q = cluster.process(i);
            if (q.node != null && q.node.status().term() > term) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds {@code node} back as a voter through whichever node leads now, every
     * {@link #READD_RETRY_MS} until the engine answers OK (it does at once when the node already is
     * a voter): a change refused (EBUSY, EAGAIN, ENOTLEADER) or lost with its leader is retried, so
     * that the quiet phase runs with every node a voter again.
     */
    private void readd(int node) {
        if (!toReadd.contains(node)) {
            return;
        }
        int leader = cluster.leader();
        if (leader >= 0) {
            NodeProcess p = cluster.process(leader);
            io.raftsim.engine.PeerId peer = cluster.process(node).peer;
            p.runNow(() -> {
                boolean wasVoter = p.node.listPeers().contains(peer);
                long term = p.node.status().term();
                p.node.addPeer(peer, st -> {
                    if (!st.isOk()) {
                        return;
                    }
                    if (!wasVoter) {
                        membershipChanges++;
                        toReadd.remove(node);
                    } else if (!laterTermThan(term)) {
                        toReadd.remove(node);
                    }
                    // Else "already a voter" came from a deposed leader that has not heard yet:
                    // its committed configuration may predate the removal (a later term committed
                    // it). Retried, the answer comes from the leader of the latest term.
                });
            });
        }
        sim.schedule(READD_RETRY_MS * MS, "nemesis.readd", -1, node, () -> readd(node));
    }

    /**
     * braft's {@code snapshot()} on one running node: its state machine saves, its log is compacted
     * behind the snapshot (keeping the margin). Fires only on a node that is up; the engine's answer
     * (OK, or EBUSY while another snapshot is saved or installed) is counted per status.
     */
    private boolean forceSnapshot(int node) {
        NodeProcess p = cluster.process(node);
        if (p.status != ProcessStatus.UP || p.node == null) {
            return false;
        }
        p.runNow(() ->
                p.node.snapshot(st -> forcedSnapshotResults.merge(st.code().name(), 1L, Long::sum)));
        return true;
    }

    /**
     * Dissertation §3.10 on the current leader: hand leadership to {@code target}, or to whichever
     * voter is most up to date ({@code null}) when the target is the leader itself. Fires when there
     * is a running leader; counted as a transfer when the engine started it (OK).
     */
    private boolean transferLeadership(int target) {
        int leader = cluster.leader();
        if (leader < 0) {
            return false;
        }
        NodeProcess p = cluster.process(leader);
        io.raftsim.engine.PeerId to = target == leader ? null : cluster.process(target).peer;
        p.runNow(() -> {
            io.raftsim.engine.Status st = p.node.transferLeadershipTo(to);
            if (st.isOk()) {
                leaderTransfers++;
            }
        });
        return true;
    }

    /** Forced snapshots' outcomes by engine status code (OK, EBUSY, EIO...). */
    public Map<String, Long> forcedSnapshotResults() {
        return forcedSnapshotResults;
    }

    /** Membership changes (removals, re-additions, replacements' changes) the engine completed with OK. */
    public long membershipChanges() {
        return membershipChanges;
    }

    /** Leader transfers the nemesis started (the engine answered OK). */
    public long leaderTransfers() {
        return leaderTransfers;
    }

    private boolean disk(FaultEvent e, DiskFault d) {
        NodeProcess p = cluster.process(d.node());
        SimDisk disk = p.disk;
        List<String> files = files(p.fs, Cluster.LOG_DIR);
        if (d instanceof FsyncError) {
            if (p.status == ProcessStatus.DOWN || files.isEmpty()) {
                return false;
            }
            // EIO on the next syncs, dirty pages dropped (as on Linux). braft stops the node; the
            // operator restarts it when the event ends. The engine must never retry the fsync.
            disk.faults().failNextFsyncs(3);
            later(e, sameMachine(d.node(), () -> {
                disk.faults().failNextFsyncs(0);
                restartIfUp(d.node());
            }));
        } else if (d instanceof ReadError) {
            if (files.isEmpty()) {
                return false;
            }
            for (String f : files) {
                disk.faults().addReadError(f, 0, Long.MAX_VALUE / 4);
            }
            // Identities, not slots: restart-durability counts failed starts per identity.
            damagedAtRest.add(cluster.process(d.node()).index());
            later(e, sameMachine(d.node(), () -> {
                disk.faults().clearReadErrors();
                restartIfUp(d.node());
            }));
        } else if (d instanceof DiskFull) {
            disk.faults().full(true);
            later(e, sameMachine(d.node(), () -> {
                disk.faults().full(false);
                restartIfUp(d.node());
            }));
        } else if (d instanceof BitFlip b) {
            // Bit rot is noticed when the data is read again: crash, flip, restart after the event.
            // The crash comes first: it decides which files (and bytes) are durable at all.
            cluster.kill(b.node(), false);
            List<String> candidates = files(p.fs, Cluster.LOG_DIR);
            boolean flipped = false;
            for (int i = 0; i < candidates.size() && !flipped; i++) {
                String victim = candidates.get((int) Math.floorMod(b.selector() + i, (long) candidates.size()));
                flipped = !disk.flipBits(victim, 1).isEmpty();
            }
            if (flipped) {
                damagedAtRest.add(cluster.process(b.node()).index());
            }
            later(e, sameMachine(b.node(), () -> cluster.restart(b.node())));
            if (e.durationMs() == 0) {
                cluster.restart(b.node());
            }
            return flipped;
        }
        return true;
    }

    private void restartIfUp(int node) {
        if (cluster.process(node).status != ProcessStatus.DOWN) {
            cluster.restart(node);
        }
    }

    private static List<String> files(FileSystem fs, String dir) {
        List<String> out = new ArrayList<>();
        for (String name : fs.list(dir)) {
            out.add(dir + "/" + name);
        }
        return out;
    }

    private List<Link> linksAround(int node) {
        List<Link> out = new ArrayList<>();
        Endpoint me = cluster.process(node).endpoint;
        for (int i = 0; i < cluster.size(); i++) {
            if (i != node) {
                Endpoint other = cluster.process(i).endpoint;
                out.add(new Link(me, other));
                out.add(new Link(other, me));
            }
        }
        return out;
    }

    private void reconfigureAround(int node, LinkConfig config) {
        for (Link l : linksAround(node)) {
            net.configure(l.from(), l.to(), config);
        }
    }

    private void partition(FaultEvent e, TreeSet<io.raftsim.workload.nemesis.Link> blocked) {
        activePartitions.add(blocked);
        applyPartitions();
        later(e, () -> {
            activePartitions.remove(blocked);
            applyPartitions();
        });
    }

    private void applyPartitions() {
        TreeSet<Link> all = new TreeSet<>();
        for (TreeSet<io.raftsim.workload.nemesis.Link> p : activePartitions) {
            for (io.raftsim.workload.nemesis.Link l : p) {
                all.add(new Link(cluster.process(l.from()).endpoint, cluster.process(l.to()).endpoint));
            }
        }
        net.partition(new Partition("nemesis", all));
    }

    /** The heal phase: every fault cleared, every process up (DESIGN.md section 5). */
    private void heal() {
        healed = true;
        activePartitions.clear();
        net.heal();
        for (int i = 0; i < cluster.size(); i++) {
            NodeProcess p = cluster.process(i);
            reconfigureAround(i, Cluster.defaultLink());
            p.clock.setDrift(0);
            p.disk.faults().full(false).clearReadErrors().failNextFsyncs(0);
            if (p.status == ProcessStatus.PAUSED) {
                cluster.resume(i);
            }
            boolean errored = p.node() != null && p.node().describe().state() == io.raftsim.engine.NodeState.ERROR;
            if (p.status == ProcessStatus.DOWN || errored) {
                cluster.restart(i);
            }
        }
        for (int node : new ArrayList<>(toReadd)) {
            readd(node);
        }
    }
}
