package io.raftsim.harness.cluster;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.ReadMode;
import io.raftsim.engine.message.GetFileResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.log.SegmentedLog;
import io.raftsim.engine.storage.log.SegmentedLogOptions;
import io.raftsim.engine.storage.meta.FileMetaStorage;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.sim.NodeClock;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.sim.disk.CrashMode;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.SimNetwork;
import io.raftsim.workload.kv.KvStateMachine;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.ArrayList;
import java.util.List;

/**
 * A raft group of N simulated processes on one {@link Simulation}: the engine wired to the
 * simulated clock, network and disk; processes killed, restarted from disk, paused and resumed; and
 * the invariant monitor told about everything that can break a Raft property.
 *
 * <p>Two numberings. A process's <em>identity</em> ({@link NodeProcess#index()}, peer {@code n<id>})
 * is never reused: the invariant monitor, the clients and the role timeline use it. A <em>slot</em>
 * (0..size-1) is a position in the cluster that the fault schedule names; {@link #process(int)}
 * is its current occupant. Slots start filled by identities 0..n-1; replacing a node retires its
 * occupant for good and puts a spare identity (n, n+1, ..., reserved at construction so that the
 * monitor's arrays and the seeded streams are fixed before the run starts) into the slot.
 */
public final class Cluster {
    public static final String GROUP = "kv";
    static final String LOG_DIR = "raft/log";
    static final String META_DIR = "raft/meta";
    static final String SNAPSHOT_DIR = "raft/snapshot";
    /**
     * The clock drift per election timeout that lease reads assume (the lease lasts the election
     * timeout minus this). Below the smallest election timeout the swarm draws (150 ms).
     */
    public static final long LEASE_CLOCK_DRIFT_MS = 50;
    /**
     * InstallSnapshot chunk size: far below the store's snapshot size (a few hundred bytes to a few
     * KB), so every install is a multi-chunk copy whose pieces the nemesis can drop, delay or cut.
     */
    static final int SNAPSHOT_CHUNK_BYTES = 256;

    /** Network latency between servers: 1 ms base, up to 1 ms jitter, a rare 50 ms tail. */
    public static LinkConfig defaultLink() {
        return LinkConfig.stream(1_000_000L, 1_000_000L).withTail(0.001, 50_000_000L);
    }

    /**
     * Nemesis drivers listening to deliveries, in the order they started. Replaced, never changed in
     * place, so a listener may remove itself (or another) while being told.
     */
    @SuppressWarnings("unchecked")
    private java.util.function.BiConsumer<NodeProcess, RaftMessage>[] deliveryListeners =
            new java.util.function.BiConsumer[0];

    private final Simulation sim;
    private final SimNetwork<RaftMessage> net;
    private final InvariantMonitor monitor;
    /** Every identity: the n first members, then the spares. */
    private final NodeProcess[] procs;
    /** Slot to identity. */
    private final int[] members;

    private int nextSpare;
    private final EngineKnobs knobs;
    private final boolean unsafeAckBeforeFsync;
    private final boolean leaseReads;
    private final Configuration initialConf;
    private final List<RoleChange> roleChanges = new ArrayList<>();
    private final java.util.TreeMap<String, Long> nemesisSteps = new java.util.TreeMap<>();
    private final io.raftsim.sim.RandomStream crashRnd;
    private long restarts;
    private long failedStarts;
    /** Failed restarts per node index. */
    private final java.util.TreeMap<Integer, Long> failedStartsByNode = new java.util.TreeMap<>();
    /** Per node, the highest term it put on the wire (PreVote aside): its restarts must recover at least that. */
    private final long[] maxTermSent;

    private String firstStartFailure;
    private long snapshotsInstalled;
    private long snapshotChunkBytesSent;
    private EngineTuning tuning = EngineTuning.DEFAULT;
    /**
     * Every identity by peer id, for the transport: a send names its target by a {@link PeerId}
     * that is often an equal copy (decoded from a configuration), not the cluster's instance, so a
     * scan comparing endpoint strings cost more than this one hash lookup. Never iterated.
     */
    private final java.util.LinkedHashMap<PeerId, NodeProcess> processByPeer = new java.util.LinkedHashMap<>();
    /** Trace digests of message kinds, owned by this cluster's simulation thread. */
    private final MessageKindHash messageKindHash = new MessageKindHash();

    public Cluster(Simulation sim, int n, EngineKnobs knobs, InvariantMonitor monitor, boolean unsafeAckBeforeFsync) {
        this(sim, n, knobs, monitor, unsafeAckBeforeFsync, false);
    }

    public Cluster(
            Simulation sim,
            int n,
            EngineKnobs knobs,
            InvariantMonitor monitor,
            boolean unsafeAckBeforeFsync,
            boolean leaseReads) {
        this(sim, n, 0, knobs, monitor, unsafeAckBeforeFsync, leaseReads);
    }

    /**
     * @param spares identities reserved for replacement nodes (the monitor must track n + spares)
     * @param leaseReads the engine serves reads under the leader lease (dissertation §6.4.1), which
     *     needs CheckQuorum: it is then on whatever the swarm drew
     */
    public Cluster(
            Simulation sim,
            int n,
            int spares,
            EngineKnobs knobs,
            InvariantMonitor monitor,
            boolean unsafeAckBeforeFsync,
            boolean leaseReads) {
        this.sim = sim;
        this.leaseReads = leaseReads;
        this.knobs = knobs;
        this.monitor = monitor;
        this.unsafeAckBeforeFsync = unsafeAckBeforeFsync;
        this.net = new SimNetwork<>(sim, defaultLink());
        if (spares < 0) {
            throw new IllegalArgumentException("spares must be >= 0, got " + spares);
        }
        this.procs = new NodeProcess[n + spares];
        this.maxTermSent = new long[n + spares];
        this.members = new int[n];
        this.nextSpare = n;
        this.crashRnd = sim.random("crash.mode");
        PeerId[] peers = new PeerId[n];
        // Each machine's disk has its own fsync latency, 1 to 30 ms: slow disks widen the window
        // in which acknowledged-but-unsynced data can be lost. Spares draw after the members, so
        // reserving them changes no member's draw.
        io.raftsim.sim.RandomStream diskRnd = sim.random("disk.latency");
        for (int i = 0; i < procs.length; i++) {
            NodeClock clock = new NodeClock(sim, i);
            long fsyncNs = diskRnd.nextLongBetween(1, 30) * 1_000_000L;
            procs[i] = new NodeProcess(this, sim, i, clock, fsyncNs);
            if (i < n) {
                peers[i] = procs[i].peer;
                members[i] = i;
            }
        }
        for (int i = 0; i < procs.length; i++) {
            NodeProcess p = procs[i];
            p.endpoint = net.addEndpoint(p.peer.toString(), env -> p.receive(env.payload()));
            processByPeer.put(p.peer, p);
        }
        this.initialConf = Configuration.of(peers);
    }

    public Simulation simulation() {
        return sim;
    }

    /**
     * Tells {@code listener} of every message a running node's engine has just handled (the
     * receiver's state already updated): how a nemesis acts at the instant a message arrives, for
     * example right after a heartbeat round reached a majority or was acknowledged. Listeners of
     * overlapping fault events each keep hearing until they remove themselves.
     */
    void addDeliveryListener(java.util.function.BiConsumer<NodeProcess, RaftMessage> listener) {
        java.util.function.BiConsumer<NodeProcess, RaftMessage>[] grown =
                java.util.Arrays.copyOf(deliveryListeners, deliveryListeners.length + 1);
        grown[deliveryListeners.length] = java.util.Objects.requireNonNull(listener, "listener");
        deliveryListeners = grown;
    }

    /** Stops telling {@code listener} (the same object that was added); no-op if it is not there. */
    void removeDeliveryListener(java.util.function.BiConsumer<NodeProcess, RaftMessage> listener) {
        List<java.util.function.BiConsumer<NodeProcess, RaftMessage>> kept = new ArrayList<>();
        for (java.util.function.BiConsumer<NodeProcess, RaftMessage> l : deliveryListeners) {
            if (l != listener) {
                kept.add(l);
            }
        }
        @SuppressWarnings("unchecked")
        java.util.function.BiConsumer<NodeProcess, RaftMessage>[] shrunk =
                kept.toArray(new java.util.function.BiConsumer[0]);
        deliveryListeners = shrunk;
    }

    /** The process with peer id {@code peer} (any identity), or null. */
    NodeProcess processByPeer(PeerId peer) {
        return processByPeer.get(peer);
    }

    public SimNetwork<RaftMessage> network() {
        return net;
    }

    /** Slots: the configured cluster size. */
    public int size() {
        return members.length;
    }

    /** The process now in slot {@code slot}. */
    public NodeProcess process(int slot) {
        return procs[members[slot]];
    }

    /** Identities reserved, members and spares, used or not. */
    public int identities() {
        return procs.length;
    }

    /** The process with identity {@code id} (peer {@code n<id>}), whether in a slot, retired or spare. */
    public NodeProcess processById(int id) {
        return procs[id];
    }

    /** The slot {@code p} fills, or -1 (retired, or a spare not yet used). */
    public int slotOf(NodeProcess p) {
        for (int s = 0; s < members.length; s++) {
            if (members[s] == p.index) {
                return s;
            }
        }
        return -1;
    }

    /**
     * Per step of a multi-step fault, named {@code <fault>.<step>} ("figure-eight.cut",
     * "membership-race.started", "lease-race.new-leader", ...), how often a run got there: where
     * such a chain breaks on a seed, readable through a {@code RunProbe}. One map for every driver,
     * so that a probe reads them all the same way.
     */
    public java.util.SortedMap<String, Long> nemesisSteps() {
        return java.util.Collections.unmodifiableSortedMap(nemesisSteps);
    }

    /** Counts one more time that a {@code fault}'s driver reached {@code step} (see {@link #nemesisSteps()}). */
    void countNemesisStep(String fault, String step) {
        nemesisSteps.merge(fault + "." + step, 1L, Long::sum);
    }

    /** The invariant monitor: the nemesis reads what each node's log holds through it. */
    InvariantMonitor monitor() {
        return monitor;
    }

    public List<RoleChange> roleChanges() {
        return roleChanges;
    }

    public long restarts() {
        return restarts;
    }

    /** Why each node's last start failed (null if it did not), for liveness reports. */
    public String startFailures() {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < members.length; s++) {
            NodeProcess p = process(s);
            if (p.status == ProcessStatus.DOWN && p.startFailure != null) {
                sb.append(sb.length() == 0 ? "" : "; ")
                        .append("n")
                        .append(p.index)
                        .append(" could not start at ")
                        .append(p.startFailure);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Snapshots a running node loaded from its leader (InstallSnapshot), not those loaded at start. */
    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    /** Bytes of snapshot file chunks (InstallSnapshot phase two) put on the network, by every node. */
    public long snapshotChunkBytesSent() {
        return snapshotChunkBytesSent;
    }

    /** Sets the options {@code raftsim bench} varies; only before {@link #startAll()}. */
    public void tune(EngineTuning t) {
        for (NodeProcess p : procs) {
            if (p.node != null) {
                throw new IllegalStateException("tune before startAll: n" + p.index + " already runs");
            }
        }
        tuning = java.util.Objects.requireNonNull(t, "tuning");
    }

    /** Restarts that failed because the node's storage could not be read (it stays down). */
    public long failedStarts() {
        return failedStarts;
    }

    /** {@link #failedStarts()} per node index (nodes that never failed to start are absent). */
    public java.util.SortedMap<Integer, Long> failedStartsByNode() {
        return java.util.Collections.unmodifiableSortedMap(failedStartsByNode);
    }

    /** The first restart that found its storage unreadable: node, time and the engine's reason; or null. */
    public String firstStartFailure() {
        return firstStartFailure;
    }

    /**
     * Provisions every machine (creates the data directories and makes their entries durable, as
     * an installer would, so that a crash cannot take the directories themselves), then starts
     * every process on its empty disk.
     */
    public void startAll() {
        for (int s = 0; s < members.length; s++) {
            provisionAndBoot(process(s));
        }
    }

    private void provisionAndBoot(NodeProcess p) {
        p.fs.mkdirs(LOG_DIR);
        p.fs.mkdirs(META_DIR);
        p.fs.mkdirs(SNAPSHOT_DIR);
        p.status = ProcessStatus.UP;
        p.fs.syncDirectory(
                "raft",
                e1 -> p.fs.syncDirectory("", e2 -> {
                    if (e1 != null || e2 != null) {
                        throw new IllegalStateException("provisioning n" + p.index + " failed: " + e1 + ", " + e2);
                    }
                    boot(p);
                }));
    }

    /**
     * Retires {@code p} for good: its process is killed (if it still runs) and it is never started
     * again; its disk is discarded (nothing reads it any more). The invariant monitor keeps its
     * history: what it voted, led and applied stays part of the run's record.
     */
    public void retire(NodeProcess p) {
        if (p.status != ProcessStatus.DOWN) {
            crash(p, CrashMode.LOSE_UNSYNCED);
        }
        p.retired = true;
        noteRole(p, "RETIRED", p.lastTerm);
    }

    /**
     * Puts a new machine into {@code slot}: the next spare identity, never used in this run, with an
     * empty disk, provisioned and started. Its occupant before is no longer reachable through the
     * slot (retire it). The new node boots knowing the configuration of the slots' other occupants,
     * a configuration it is not a voter of, so it never campaigns and waits for the leader to
     * replicate to it (braft starts a joining peer with an empty configuration for the same reason;
     * this engine wants a non-empty one).
     */
    public NodeProcess provision(int slot) {
        if (nextSpare >= procs.length) {
            throw new IllegalStateException("no spare identity left for slot " + slot + ": the cluster reserved "
                    + (procs.length - members.length) + " spare(s)");
        }
        NodeProcess p = procs[nextSpare++];
        if (!p.fs.list("").isEmpty() || p.status != ProcessStatus.DOWN) {
            throw new IllegalStateException(
                    "spare n" + p.index + " is not a fresh machine: status " + p.status + ", files " + p.fs.list(""));
        }
        members[slot] = p.index;
        java.util.TreeSet<PeerId> others = new java.util.TreeSet<>();
        for (int s = 0; s < members.length; s++) {
            if (s != slot) {
                others.add(process(s).peer);
            }
        }
        p.bootConf = new Configuration(others, new java.util.TreeSet<>());
        noteRole(p, "JOINING", 0);
        provisionAndBoot(p);
        return p;
    }

    /** The engine options of every node; {@code bootConf}: its initial configuration. */
    private NodeOptions options(KvStateMachine fsm, Configuration bootConf) {
        NodeOptions.Builder b = NodeOptions.builder();
        if (tuning.stickiness() != EngineTuning.Stickiness.WITH_CHECK_QUORUM) {
            b.leaderStickiness(tuning.stickiness() == EngineTuning.Stickiness.ON);
        }
        return b.initialConfiguration(bootConf)
                .stateMachine(fsm)
                .electionTimeoutMs(knobs.electionTimeoutMs())
                .heartbeatIntervalMs(knobs.heartbeatIntervalMs())
                .preVote(knobs.preVote())
                .checkQuorum(knobs.checkQuorum() || leaseReads)
                .readMode(leaseReads ? ReadMode.LEASE_BASED : ReadMode.SAFE)
                .maxClockDriftMs(LEASE_CLOCK_DRIFT_MS)
                .maxEntriesPerAppend(knobs.maxAppendEntries())
                .maxInflightAppends(knobs.maxInflightAppends())
                // Automatic snapshots by log size, from the swarm's draw; a tenth of an interval of log
                // kept behind each one, so slightly lagging followers catch up from the log and
                // those further behind (restarted, partitioned) need an InstallSnapshot.
                .snapshotLogEntries(knobs.snapshotIntervalEntries())
                .snapshotMarginEntries(knobs.snapshotIntervalEntries() / 10)
                .snapshotChunkBytes(SNAPSHOT_CHUNK_BYTES)
                .build();
    }

    /** (Re)starts a process from whatever its disk holds. */
    private void boot(NodeProcess p) {
        if (p.retired) {
            throw new IllegalStateException("n" + p.index + " was retired and must never start again");
        }
        p.nextIncarnation();
        p.status = ProcessStatus.UP;
        p.heldWhilePaused.clear();
        if (net.status(p.endpoint) == io.raftsim.sim.net.EndpointStatus.CRASHED) {
            net.restart(p.endpoint);
        }
        int i = p.index;
        try {
            LogStorage log = SegmentedLog.open(
                    p.fs, LOG_DIR, SegmentedLogOptions.DEFAULT.withSyncPolicy(tuning.logSyncPolicy()));
            MetaStorage meta = FileMetaStorage.open(p.fs, META_DIR);
            long first = log.firstIndex();
            long last = log.lastIndex();
            List<LogEntry> recovered = last >= first ? log.entries(first, last, Long.MAX_VALUE) : List.of();
            monitor.onRestart(i, recovered, first);

            LogStorage engineLog = unsafeAckBeforeFsync ? new EarlyAckLogStorage(log, p.engineClock) : log;
            LogStorage monitored = new MonitoredLogStorage(engineLog, monitor, i, () -> currentTerm(p));
            SnapshotStorage snapshots = SnapshotStorage.open(p.fs, SNAPSHOT_DIR);
            int inc = p.incarnation();
            KvStateMachine fsm = new KvStateMachine(
                    (index, term, data, result) -> monitor.onApply(i, index, term, entryDigest(data), currentTerm(p)),
                    (index, term) -> {
                        monitor.onSnapshotLoaded(i, index);
                        // A load once the node runs is an InstallSnapshot from the leader; the
                        // one at start (node not yet published) is the restart's own snapshot.
                        if (p.node != null && p.incarnation() == inc) {
                            snapshotsInstalled++;
                        }
                    });
            Transport transport = new Transport(p);
            NodeEnvironment env = new NodeEnvironment(
                    p.engineClock, transport, new SimRandom(sim.random("raft.n" + i)), monitored, meta, snapshots);
            // A replacement boots with the configuration of the slots' other occupants.
            NodeOptions options = options(fsm, p.bootConf != null ? p.bootConf : initialConf);
            RaftNode node = RaftNode.create(GROUP, p.peer, options, env);
            p.fsm = fsm;
            p.engineOptions = options;
            node.start();
            p.node = node;
            io.raftsim.engine.NodeDescription recoveredState = node.describe();
            monitor.onRecoveredTerm(i, recoveredState.term(), maxTermSent[i]);
            monitor.onRecoveredLog(i, recoveredState.lastLogIndex());
        } catch (StorageException e) {
            // Unreadable storage (a flipped bit, a read error): braft refuses to start; so do we.
            failedStarts++;
            failedStartsByNode.merge(i, 1L, Long::sum);
            p.node = null;
            p.fsm = null;
            p.status = ProcessStatus.DOWN;
            p.nextIncarnation();
            net.crash(p.endpoint);
            p.startFailure = sim.nowNs() / 1_000_000 + " ms: " + e.getMessage();
            if (firstStartFailure == null) {
                firstStartFailure = "n" + p.index + " at " + p.startFailure;
            }
            noteRole(p, "START_FAILED", p.lastTerm);
        }
        afterNodeEvent(p);
    }

    /** The digest the monitor uses for a DATA entry's payload (see {@link InvariantMonitor#digest}). */
    public static long entryDigest(byte[] data) {
        return StableHash.combine(
                io.raftsim.engine.storage.EntryType.DATA.ordinal(), StableHash.of(data, 0, data.length));
    }

    /** Crash: the process dies, unsynced writes are lost (or torn: a prefix, or sectors in any order). */
    public void kill(int i, boolean torn) {
        CrashMode mode = CrashMode.LOSE_UNSYNCED;
        if (torn) {
            mode = crashRnd.chance(0.5) ? CrashMode.TORN_PREFIX : CrashMode.TORN_ANY_ORDER;
        }
        crash(process(i), mode);
    }

    /**
     * The machine loses power: unsynced writes reach the platter torn, as a prefix or as sectors in
     * any order (the log cuts at the first sector that never landed, so even a majority torn in
     * any order restarts with every acknowledged entry).
     */
    public void powerLoss(int i) {
        crash(process(i), crashRnd.chance(0.5) ? CrashMode.TORN_PREFIX : CrashMode.TORN_ANY_ORDER);
    }

    private void crash(NodeProcess p, CrashMode mode) {
        if (p.status == ProcessStatus.DOWN) {
            return;
        }
        p.nextIncarnation();
        p.status = ProcessStatus.DOWN;
        p.node = null;
        p.fsm = null;
        p.heldWhilePaused.clear();
        net.crash(p.endpoint);
        p.disk.crash(mode);
        noteRole(p, "DOWN", p.lastTerm);
    }

    /** Restarts a crashed process from its disk; a running one is crashed first. */
    public void restart(int i) {
        NodeProcess p = process(i);
        if (p.status != ProcessStatus.DOWN) {
            kill(i, false);
        }
        restarts++;
        boot(p);
    }

    public void pause(int i) {
        NodeProcess p = process(i);
        if (p.status != ProcessStatus.UP) {
            return;
        }
        p.status = ProcessStatus.PAUSED;
        net.pause(p.endpoint);
        noteRole(p, "PAUSED", p.lastTerm);
    }

    /** Resumes a paused process; what it missed runs now, late, in order. */
    public void resume(int i) {
        NodeProcess p = process(i);
        if (p.status != ProcessStatus.PAUSED) {
            return;
        }
        p.status = ProcessStatus.UP;
        List<Runnable> held = new ArrayList<>(p.heldWhilePaused);
        p.heldWhilePaused.clear();
        int inc = p.incarnation();
        for (Runnable r : held) {
            p.run(inc, r);
        }
        net.resume(p.endpoint);
        afterNodeEvent(p);
    }

    /**
     * {@code p}'s engine just handled {@code message}: tells the delivery listeners (nemesis drivers
     * that time faults to messages). One array-length check per message when none listens.
     */
    void afterDelivery(NodeProcess p, RaftMessage message) {
        java.util.function.BiConsumer<NodeProcess, RaftMessage>[] listeners = deliveryListeners;
        for (java.util.function.BiConsumer<NodeProcess, RaftMessage> l : listeners) {
            l.accept(p, message);
        }
    }

    /**
     * Checks the invariants that the node's latest event could have broken. A leader's term cannot
     * change while it stays leader, so election safety needs a look only when a node becomes
     * leader. Reads the node's {@link io.raftsim.engine.NodeStatus} (three fields), not its full
     * description, so it runs after every event, the leader's included.
     */
    void afterNodeEvent(NodeProcess p) {
        if (p.node == null) {
            return;
        }
        io.raftsim.engine.NodeStatus d = p.node.status();
        if (d.state() == io.raftsim.engine.NodeState.LEADER) {
            monitor.onLeader(p.index, d.term());
        }
        monitor.onCommitIndex(p.index, d.commitIndex());
        String state = d.state().name();
        if (!state.equals(p.lastState) || d.term() != p.lastTerm) {
            noteRole(p, state, d.term());
        }
    }

    /**
     * The node's current term as its engine holds it right now (mid-event included), for the
     * monitor's term-aware truncation check; Long.MAX_VALUE (judge strictly) before the engine runs.
     */
    private static long currentTerm(NodeProcess p) {
        return p.node == null ? Long.MAX_VALUE : p.node.status().term();
    }

    private void noteRole(NodeProcess p, String state, long term) {
        p.lastState = state;
        p.lastTerm = term;
        roleChanges.add(new RoleChange(sim.nowNs(), p.index, state, term));
    }

    /** The slot whose occupant is up and leads in the highest term, or -1. */
    public int leader() {
        int best = -1;
        long bestTerm = -1;
        for (int s = 0; s < members.length; s++) {
            NodeProcess p = process(s);
            if (p.status == ProcessStatus.UP && p.node != null && p.node.isLeader()) {
                long t = p.node.status().term();
                if (t > bestTerm) {
                    bestTerm = t;
                    best = s;
                }
            }
        }
        return best;
    }

    /**
     * The process, in a slot or not (a node being decommissioned may still lead), that is up and
     * leads in the highest term, or null: where an operator sends a membership change.
     */
    public NodeProcess leaderProcess() {
        NodeProcess best = null;
        long bestTerm = -1;
        for (NodeProcess p : procs) {
            if (!p.retired && p.status == ProcessStatus.UP && p.node != null && p.node.isLeader()) {
                long t = p.node.status().term();
                if (t > bestTerm) {
                    bestTerm = t;
                    best = p;
                }
            }
        }
        return best;
    }

    /** The engine's transport for one process: messages go onto the simulated network. */
    private final class Transport implements io.raftsim.engine.spi.Transport {
        private static final int RECENT_PEERS = 8;
        private final NodeProcess from;
        /**
         * The last few target {@link PeerId} instances this node sent to, and their processes: a
         * node names its peers with the same few instances (those of its configuration) message
         * after message, so an identity scan of a handful of slots finds the target before a hash
         * lookup of {@link #processByPeer} would; any other instance falls back to the map.
         */
        private final PeerId[] recentPeers = new PeerId[RECENT_PEERS];

        private final NodeProcess[] recentTargets = new NodeProcess[RECENT_PEERS];
        private int recentNext;

        Transport(NodeProcess from) {
            this.from = from;
        }

        private NodeProcess target(PeerId to) {
            for (int i = 0; i < RECENT_PEERS; i++) {
                if (recentPeers[i] == to) {
                    return recentTargets[i];
                }
            }
            NodeProcess target = processByPeer.get(to);
            if (target == null) {
                throw new IllegalArgumentException("unknown peer " + to + " (sent by n" + from.index + ")");
            }
            recentPeers[recentNext] = to;
            recentTargets[recentNext] = target;
            recentNext = (recentNext + 1) % RECENT_PEERS;
            return target;
        }

        @Override
        public void send(PeerId to, RaftMessage message) {
            NodeProcess target = target(to);
            // Read once: an AppendEntries request sums its entries' sizes on every call.
            long term = message.term();
            int sizeBytes = message.sizeBytes();
            // PreVote carries a prospective term that is never persisted (dissertation §9.6).
            if (!(message instanceof io.raftsim.engine.message.PreVoteRequest
                    || message instanceof io.raftsim.engine.message.PreVoteResponse)) {
                maxTermSent[from.index] = Math.max(maxTermSent[from.index], term);
            }
            if (message instanceof io.raftsim.engine.message.AppendEntriesResponse r && r.success()) {
                monitor.onAppendAcknowledged(from.index, r.matchIndex());
            }
            long digest =
                    StableHash.combine(messageKindHash.of(message.getClass()), StableHash.combine(term, sizeBytes));
            if (message instanceof GetFileResponse r && r.chunk() != null) {
                snapshotChunkBytesSent += r.chunk().data().length;
            }
            net.send(from.endpoint, target.endpoint, message, sizeBytes, digest);
        }
    }
}
