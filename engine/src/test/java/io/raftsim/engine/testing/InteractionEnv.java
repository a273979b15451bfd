package io.raftsim.engine.testing;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.NodeDescription;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.PeerProgress;
import io.raftsim.engine.Task;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.node.NodeImpl;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.engine.spi.fs.memory.MemoryFsOptions;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.log.RecoveryReport;
import io.raftsim.engine.storage.log.SegmentedLog;
import io.raftsim.engine.storage.memory.MemoryLogStorage;
import io.raftsim.engine.storage.memory.MemoryMetaStorage;
import io.raftsim.engine.storage.meta.FileMetaStorage;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The interpreter behind the interaction scripts (etcd raft's {@code testdata/} idea): a few real
 * nodes with manual clocks, in-memory storage whose fsyncs the script can hold, and a network that
 * delivers only when told. Commands return the text that the script compares. Fsyncs complete
 * whenever a node runs, unless held. Every command's output ends with the nodes whose role or term
 * changed. Commands:
 *
 * <ul>
 *   <li>{@code add-nodes N [prevote=B] [checkquorum=B] [election=T] [heartbeat=T] [max-entries=N]
 *       [inflight=N] [batching=B] [seed=S] [storage=memory|segmented] [sector=BYTES]}: a fresh
 *       cluster n1..nN (tick = 1 ms, election 10 ticks). With {@code storage=segmented} every node
 *       runs the real storage code, {@link SegmentedLog} and {@link FileMetaStorage}, over its own
 *       {@link MemoryFileSystem} (torn writes cut at {@code sector} bytes, default 512, seeded);
 *       {@code hold-fsync} then holds that file system's fsyncs and directory syncs
 *   <li>{@code tick nX [K]}, {@code campaign nX} (tick until it asks for votes)
 *   <li>{@code deliver [nX]}, {@code deliver-one nX}, {@code drop [nX]}, {@code stabilize [quiet]}
 *   <li>{@code partition a b / c}, {@code heal}
 *   <li>{@code propose nX data}, {@code propose-expect-term nX T data}, {@code propose-many nX N [prefix]}
 *   <li>{@code crash nX} (loses unsynced writes), {@code crash nX torn} (segmented storage only: a
 *       seeded, sector-granular prefix of each file's unsynced writes survives, the torn write log
 *       recovery must cut off), {@code crash nX torn any-order} (a seeded subset of the unsynced
 *       sectors survives, in any order: holes before landed sectors), {@code restart nX} (with segmented storage it prints the recovery
 *       report), {@code hold-fsync nX},
 *       {@code release-fsync nX}, {@code fail-meta nX}, {@code fail-log nX}
 *   <li>{@code fail-log-append nX} (the next append throws ENOSPC), {@code fail-log-read nX
 *       entries|term-at} (the next such read throws EIO): like the segmented log, the log then
 *       throws from every call until the process restarts; {@code log-failure nX} tells where it
 *       failed and how many calls the node made since (braft: there must be none)
 *   <li>{@code status [nX]}, {@code log nX}, {@code applied nX}
 * </ul>
 */
public final class InteractionEnv {
    private static final long TICK_NANOS = 1_000_000L;

    /** One node's world: survives crashes (storage, clock), the node object does not. */
    private final class Slot {
        final String name;
        final PeerId id;
        final ManualClock clock = new ManualClock();
        final MemoryLogStorage log = new MemoryLogStorage(clock, -1);
        final MemoryMetaStorage meta = new MemoryMetaStorage(clock, -1);
        final MemoryFileSystem fs = new MemoryFileSystem(clock, new MemoryFsOptions(0, 0, 512, Long.MAX_VALUE), 7);
        /**
         * With segmented storage: the disk holding the log and meta directories. Its syncs complete
         * on their own event loop so that {@code hold-fsync} can hold them; zero latency, so they
         * complete whenever the node runs.
         */
        final ManualClock diskClock = new ManualClock();

        final MemoryFileSystem disk;
        final RecordingStateMachine fsm;
        /** The storage the current process opened (the segmented log, or the in-memory one). */
        LogStorage currentLog;

        MetaStorage currentMeta;
        /** The log as the current process sees it; a restart opens it afresh. */
        FaultyLogStorage faulty;

        NodeImpl node;
        boolean holdFsync;
        String lastState = "";

        Slot(String name) {
            this.name = name;
            this.id = PeerId.of(name);
            this.fsm = new RecordingStateMachine(name, out::add);
            this.disk = segmented
                    ? new MemoryFileSystem(
                            diskClock,
                            new MemoryFsOptions(0, 0, sectorBytes, Long.MAX_VALUE),
                            seed * 1000 + name.hashCode())
                    : null;
        }
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<RaftMessage> network = new ArrayList<>();
    private final List<String> out = new ArrayList<>();
    private final List<TreeSet<String>> partition = new ArrayList<>();
    private NodeOptions.Builder options;
    private long seed = 1;
    /** Nodes run on {@link SegmentedLog} + {@link FileMetaStorage} over a crash file system. */
    private boolean segmented;

    private int sectorBytes = 512;

    /** Runs one command and returns its output (never empty). */
    public String run(String command, List<String> args) {
        out.clear();
        switch (command) {
            case "add-nodes" -> addNodes(args);
            case "tick" -> tick(slot(args.get(0)), args.size() > 1 ? Integer.parseInt(args.get(1)) : 1);
            case "campaign" -> campaign(slot(args.get(0)));
            case "deliver" -> deliver(args.isEmpty() ? null : args.get(0));
            case "deliver-one" -> deliverOne(args.get(0));
            case "drop" -> drop(args.isEmpty() ? null : args.get(0));
            case "stabilize" -> stabilize(args.contains("quiet"));
            case "propose-many" -> {
                Slot s = slot(args.get(0));
                int count = Integer.parseInt(args.get(1));
                String prefix = args.size() > 2 ? args.get(2) : "x";
                for (int i = 1; i <= count; i++) {
                    s.node.apply(io.raftsim.engine.Task.of((prefix + i).getBytes(StandardCharsets.UTF_8), null));
                }
                process(s);
            }
            case "propose" -> propose(slot(args.get(0)), String.join(" ", args.subList(1, args.size())), -1);
            case "propose-expect-term" ->
                propose(slot(args.get(0)), String.join(" ", args.subList(2, args.size())), Long.parseLong(args.get(1)));
            case "snapshot" -> {
                Slot s = slot(args.get(0));
                s.node.snapshot(st -> out.add(s.name + ": snapshot done: " + st));
                process(s);
            }
            case "add-node" -> {
                Slot s = new Slot(args.get(0));
                if (slots.putIfAbsent(s.name, s) != null) {
                    throw new IllegalArgumentException("node " + s.name + " exists");
                }
                startNode(s);
            }
            case "change-peers" ->
                confChange(
                        args.get(0),
                        "changePeers " + args.get(1),
                        (n, done) -> n.changePeers(Configuration.parse(args.get(1)), done));
            case "add-peer" ->
                confChange(args.get(0), "addPeer " + args.get(1), (n, done) -> n.addPeer(PeerId.of(args.get(1)), done));
            case "remove-peer" ->
                confChange(
                        args.get(0),
                        "removePeer " + args.get(1),
                        (n, done) -> n.removePeer(PeerId.of(args.get(1)), done));
            case "add-learners" ->
                confChange(
                        args.get(0),
                        "addLearners " + args.get(1),
                        (n, done) ->
                                n.addLearners(Configuration.parse(args.get(1)).peers(), done));
            case "remove-learners" ->
                confChange(
                        args.get(0),
                        "removeLearners " + args.get(1),
                        (n, done) -> n.removeLearners(
                                Configuration.parse(args.get(1)).peers(), done));
            case "reset-peers" -> {
                Slot s = slot(args.get(0));
                out.add(s.name + ": resetPeers " + s.node.resetPeers(Configuration.parse(args.get(1))));
                process(s);
            }
            case "transfer" -> {
                Slot s = slot(args.get(0));
                PeerId target = args.get(1).equals("any") ? null : PeerId.of(args.get(1));
                out.add(s.name + ": transferLeadershipTo " + args.get(1) + " " + s.node.transferLeadershipTo(target));
                process(s);
            }
            case "shutdown" -> {
                Slot s = slot(args.get(0));
                s.node.shutdown(st -> out.add(s.name + ": shutdown done: " + st));
                process(s);
                s.node = null;
            }
            case "conf" -> {
                for (Slot s : slots.values()) {
                    if (s.node != null) {
                        out.add(s.name + ": peers=" + s.node.listPeers() + " learners=" + s.node.listLearners());
                    }
                }
            }
            case "hold-snapshot" -> slot(args.get(0)).fsm.holdSnapshots(true);
            case "release-snapshot" -> {
                Slot s = slot(args.get(0));
                s.fsm.holdSnapshots(false);
                s.fsm.releaseSnapshot();
                process(s);
            }
            case "read" -> read(slot(args.get(0)), args.size() > 1 ? args.get(1) : "r");
            case "status" -> status(args);
            case "log" -> printLog(slot(args.get(0)));
            case "applied" -> printApplied(slot(args.get(0)));
            case "crash" -> crash(slot(args.get(0)), crashMode(args));
            case "restart" -> restart(slot(args.get(0)));
            case "hold-fsync" -> slot(args.get(0)).holdFsync = true;
            case "release-fsync" -> {
                slot(args.get(0)).holdFsync = false;
                process(slot(args.get(0)));
            }
            case "fail-meta" ->
                memoryOnly(slot(args.get(0)), "fail-meta")
                        .meta
                        .failNextSave(new StorageException(StorageException.Kind.IO, "injected meta fsync EIO"));
            case "fail-log" ->
                memoryOnly(slot(args.get(0)), "fail-log")
                        .log
                        .failNextFsync(new StorageException(StorageException.Kind.IO, "injected log fsync EIO"));
            case "fail-log-append" ->
                slot(args.get(0))
                        .faulty
                        .arm(
                                FaultyLogStorage.Call.APPEND,
                                new StorageException(StorageException.Kind.NO_SPACE, "injected ENOSPC"));
            case "fail-log-read" ->
                slot(args.get(0))
                        .faulty
                        .arm(
                                switch (args.get(1)) {
                                    case "entries" -> FaultyLogStorage.Call.ENTRIES;
                                    case "term-at" -> FaultyLogStorage.Call.TERM_AT;
                                    default ->
                                        throw new IllegalArgumentException(
                                                "fail-log-read nX entries|term-at, got " + args.get(1));
                                },
                                new StorageException(StorageException.Kind.IO, "injected read EIO"));
            case "log-failure" -> {
                FaultyLogStorage f = slot(args.get(0)).faulty;
                out.add(args.get(0) + " log "
                        + (f.failed()
                                ? "failed on " + f.failedCall() + ", calls since: " + f.callsAfterFailure()
                                : "has not failed"));
            }
            case "partition" -> partition(args);
            case "heal" -> partition.clear();
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        reportStateChanges();
        return out.isEmpty() ? "ok" : String.join("\n", out);
    }

    private Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no node named '" + name + "'; nodes: " + slots.keySet());
        }
        return s;
    }

    /** The in-memory storage's fault hooks do not reach a node on segmented storage. */
    private Slot memoryOnly(Slot s, String command) {
        if (s.disk != null) {
            throw new IllegalArgumentException(
                    command + " needs storage=memory; " + s.name + " runs on segmented storage");
        }
        return s;
    }

    private CrashMode crashMode(List<String> args) {
        if (args.size() < 2) {
            return CrashMode.LOSE_UNSYNCED;
        }
        boolean anyOrder = args.size() == 3 && args.get(2).equals("any-order");
        if (!args.get(1).equals("torn") || (args.size() > 2 && !anyOrder)) {
            throw new IllegalArgumentException("crash nX [torn [any-order]], got " + args);
        }
        if (!segmented) {
            throw new IllegalArgumentException("crash nX torn needs add-nodes ... storage=segmented");
        }
        return anyOrder ? CrashMode.TORN_ANY_ORDER : CrashMode.TORN_PREFIX;
    }

    private void addNodes(List<String> args) {
        int n = Integer.parseInt(args.get(0));
        // A fresh cluster: forget any previous one in this script.
        slots.clear();
        network.clear();
        partition.clear();
        segmented = false;
        sectorBytes = 512;
        options = NodeOptions.builder().tickIntervalMs(1).electionTimeoutMs(10).heartbeatIntervalMs(1);
        for (String kv : args.subList(1, args.size())) {
            String[] p = kv.split("=", 2);
            switch (p[0]) {
                case "prevote" -> options.preVote(Boolean.parseBoolean(p[1]));
                case "checkquorum" -> options.checkQuorum(Boolean.parseBoolean(p[1]));
                case "election" -> options.electionTimeoutMs(Long.parseLong(p[1]));
                case "heartbeat" -> options.heartbeatIntervalMs(Long.parseLong(p[1]));
                case "max-entries" -> options.maxEntriesPerAppend(Integer.parseInt(p[1]));
                case "inflight" -> options.maxInflightAppends(Integer.parseInt(p[1]));
                case "batching" -> options.proposalBatching(Boolean.parseBoolean(p[1]));
                case "seed" -> seed = Long.parseLong(p[1]);
                case "snapshot-interval" -> options.snapshotIntervalMs(Long.parseLong(p[1]));
                case "snapshot-entries" -> options.snapshotLogEntries(Long.parseLong(p[1]));
                case "margin" -> options.snapshotMarginEntries(Long.parseLong(p[1]));
                case "catchup-margin" -> options.catchupMarginEntries(Long.parseLong(p[1]));
                case "catchup-timeout" -> options.catchupTimeoutMs(Long.parseLong(p[1]));
                case "chunk" -> options.snapshotChunkBytes(Integer.parseInt(p[1]));
                case "read-mode" -> options.readMode(io.raftsim.engine.ReadMode.valueOf(p[1]));
                case "drift" -> options.maxClockDriftMs(Long.parseLong(p[1]));
                case "storage" ->
                    segmented = switch (p[1]) {
                        case "memory" -> false;
                        case "segmented" -> true;
                        default -> throw new IllegalArgumentException("storage=memory|segmented, got " + p[1]);
                    };
                case "sector" -> sectorBytes = Integer.parseInt(p[1]);
                default -> throw new IllegalArgumentException("unknown add-nodes option '" + p[0] + "'");
            }
        }
        List<PeerId> peers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            peers.add(PeerId.of("n" + i));
        }
        options.initialConfiguration(Configuration.of(peers.toArray(PeerId[]::new)));
        for (int i = 1; i <= n; i++) {
            Slot s = new Slot("n" + i);
            slots.put(s.name, s);
            startNode(s);
        }
    }

    private void startNode(Slot s) {
        startNode(s, false);
    }

    /** Starts a process on the slot's storage; a restart on segmented storage reports its recovery. */
    private void startNode(Slot s, boolean restart) {
        NodeOptions o = options.stateMachine(s.fsm).build();
        if (s.disk != null) {
            // What a real process does on start: open (and recover) the files.
            SegmentedLog log = SegmentedLog.open(s.disk, "log");
            s.currentLog = log;
            s.currentMeta = FileMetaStorage.open(s.disk, "meta");
            if (restart) {
                out.add(s.name + " log recovery: " + describe(log.recoveryReport()));
            }
        } else {
            s.currentLog = s.log;
            s.currentMeta = s.meta;
        }
        NodeEnvironment env = new NodeEnvironment(
                s.clock,
                (to, m) -> network.add(m),
                new SeededRandom(seed * 1000 + s.name.hashCode()),
                s.faulty = new FaultyLogStorage(s.currentLog),
                s.currentMeta,
                SnapshotStorage.open(s.fs, "snapshot"));
        s.node = new NodeImpl("g", s.id, o, env);
        s.node.start();
        process(s);
    }

    /** Runs the node's ready tasks and (unless held) completes its fsyncs, until nothing is left. */
    private void process(Slot s) {
        while (true) {
            int ran = s.clock.runReady();
            if (!s.holdFsync && s.disk != null) {
                ran += s.diskClock.runReady();
                ran += s.clock.runReady();
            } else if (!s.holdFsync) {
                boolean pendingFsync = s.log.hasUnsyncedWrites();
                s.log.completeFsyncs();
                s.meta.completeFsyncs();
                ran += pendingFsync ? 1 : 0;
                ran += s.clock.runReady();
            }
            if (ran == 0) {
                return;
            }
        }
    }

    private void tick(Slot s, int ticks) {
        for (int i = 0; i < ticks; i++) {
            if (s.node != null) {
                s.clock.advance(TICK_NANOS);
                process(s);
            }
        }
    }

    /** Ticks the node until it asks for (pre-)votes: its election timer fired and it campaigned. */
    private void campaign(Slot s) {
        int limit = (int) (options.build().electionTimeoutMs() * 3);
        int before = network.size();
        for (int i = 0; i < limit; i++) {
            tick(s, 1);
            for (RaftMessage m : network.subList(before, network.size())) {
                if (m.from().equals(s.id)
                        && (m instanceof io.raftsim.engine.message.PreVoteRequest
                                || m instanceof io.raftsim.engine.message.RequestVoteRequest)) {
                    return;
                }
            }
            before = network.size();
            if (s.node.isLeader()) {
                return;
            }
        }
        out.add(s.name + " did not campaign within " + limit + " ticks");
    }

    private boolean blocked(RaftMessage m) {
        for (TreeSet<String> group : partition) {
            if (group.contains(m.from().toString()) != group.contains(m.to().toString())) {
                return true;
            }
        }
        return false;
    }

    /** Delivers one round: every message now in flight (to {@code target} if given), in send order. */
    private boolean deliver(String target) {
        List<RaftMessage> now = new ArrayList<>();
        for (var it = network.iterator(); it.hasNext(); ) {
            RaftMessage m = it.next();
            if (target == null || m.to().toString().equals(target)) {
                now.add(m);
                it.remove();
            }
        }
        for (RaftMessage m : now) {
            Slot s = slots.get(m.to().toString());
            if (blocked(m)) {
                out.add("dropped " + MessageFormat.message(m) + " (partition)");
            } else if (s == null || s.node == null) {
                out.add("dropped " + MessageFormat.message(m) + " (down)");
            } else {
                out.add(MessageFormat.message(m));
                s.node.receive(m);
                process(s);
            }
        }
        return !now.isEmpty();
    }

    /** Delivers only the oldest message in flight to {@code target}. */
    private void deliverOne(String target) {
        for (var it = network.iterator(); it.hasNext(); ) {
            RaftMessage m = it.next();
            if (m.to().toString().equals(target)) {
                it.remove();
                List<RaftMessage> keep = new ArrayList<>(network);
                network.clear();
                network.add(m);
                deliver(target);
                keep.addAll(network);
                network.clear();
                network.addAll(keep);
                return;
            }
        }
        out.add("no message in flight to " + target);
    }

    private void drop(String target) {
        for (var it = network.iterator(); it.hasNext(); ) {
            RaftMessage m = it.next();
            if (target == null || m.to().toString().equals(target)) {
                out.add("dropped " + MessageFormat.message(m));
                it.remove();
            }
        }
    }

    private void stabilize(boolean quiet) {
        int delivered = 0;
        for (int round = 0; round < 1000; round++) {
            for (Slot s : slots.values()) {
                if (s.node != null) {
                    process(s);
                }
            }
            int before = out.size();
            boolean any = deliver(null);
            if (quiet) {
                // Keep callbacks and drops, hide ordinary deliveries.
                List<String> kept = new ArrayList<>(out.subList(0, before));
                for (String line : out.subList(before, out.size())) {
                    if (line.contains(": ") || line.startsWith("dropped")) {
                        kept.add(line);
                    } else {
                        delivered++;
                    }
                }
                out.clear();
                out.addAll(kept);
            }
            if (!any) {
                if (quiet) {
                    out.add("delivered " + delivered + " messages");
                }
                return;
            }
        }
        throw new IllegalStateException("stabilize did not converge in 1000 rounds");
    }

    private void propose(Slot s, String data, long expectedTerm) {
        s.node.apply(new Task(
                data.getBytes(StandardCharsets.UTF_8),
                st -> out.add(s.name + ": task '" + data + "' done: " + st),
                expectedTerm));
        process(s);
    }

    private void confChange(
            String node, String what, java.util.function.BiConsumer<NodeImpl, io.raftsim.engine.Closure> call) {
        Slot s = slot(node);
        call.accept(s.node, st -> out.add(s.name + ": " + what + " done: " + st));
        process(s);
    }

    /** A linearizable read on {@code s}; the closure prints the outcome and what was applied then. */
    private void read(Slot s, String ctx) {
        s.node.readIndex(ctx.getBytes(StandardCharsets.UTF_8), (st, index, c) -> {
            List<RecordingStateMachine.Applied> applied = s.fsm.applied();
            String last = applied.isEmpty()
                    ? "nothing"
                    : applied.get(applied.size() - 1).data();
            out.add(s.name + ": read '" + new String(c, StandardCharsets.UTF_8) + "' done: " + st
                    + (st.isOk() ? " index=" + index + " last-applied-data=" + last : ""));
        });
        process(s);
    }

    private void status(List<String> args) {
        List<Slot> which = new ArrayList<>();
        if (args.isEmpty()) {
            which.addAll(slots.values());
        } else {
            which.add(slot(args.get(0)));
        }
        for (Slot s : which) {
            if (s.node == null) {
                out.add(s.name + ": DOWN");
                continue;
            }
            NodeDescription d = s.node.describe();
            out.add(s.name + ": " + d.state() + " term=" + d.term() + " vote=" + d.votedFor() + " leader="
                    + d.leaderId() + " commit=" + d.commitIndex() + " applied=" + d.appliedIndex() + " last="
                    + d.lastLogIndex() + " durable=" + d.durableLogIndex());
            if (!args.isEmpty()) {
                for (Map.Entry<PeerId, PeerProgress> e : d.followers().entrySet()) {
                    PeerProgress p = e.getValue();
                    out.add("  " + e.getKey() + ": match=" + p.matchIndex() + " next=" + p.nextIndex() + " " + p.state()
                            + " inflight=" + p.inflightAppends());
                }
            }
        }
    }

    private void printLog(Slot s) {
        if (s.disk != null) {
            printSegmentedLog(s);
            return;
        }
        long durable = s.log.durableLastIndex();
        if (s.log.firstIndex() > 1) {
            out.add(s.name + ": compacted before " + s.log.firstIndex());
        }
        if (s.log.lastIndex() < s.log.firstIndex()) {
            out.add(s.name + ": empty log");
        }
        for (long i = s.log.firstIndex(); i <= s.log.lastIndex(); i++) {
            LogEntry e = s.log.entry(i);
            out.add(s.name + ": " + MessageFormat.entry(e) + (i <= durable ? "" : " (unsynced)"));
        }
    }

    private void printApplied(Slot s) {
        List<String> parts = new ArrayList<>();
        for (RecordingStateMachine.Applied a : s.fsm.applied()) {
            parts.add(a.index() + "@" + a.term() + " " + a.data());
        }
        out.add(s.name + " applied: " + (parts.isEmpty() ? "nothing" : String.join(", ", parts)));
    }

    /**
     * The log as the running process sees it; entries past what the node knows durable (its log
     * fsyncs that completed) are marked unsynced.
     */
    private void printSegmentedLog(Slot s) {
        if (s.node == null) {
            out.add(s.name + ": DOWN (the log is recovered on restart)");
            return;
        }
        LogStorage log = s.currentLog;
        long durable = s.node.describe().durableLogIndex();
        if (log.firstIndex() > 1) {
            out.add(s.name + ": compacted before " + log.firstIndex());
        }
        if (log.lastIndex() < log.firstIndex()) {
            out.add(s.name + ": empty log");
        }
        for (long i = log.firstIndex(); i <= log.lastIndex(); i++) {
            out.add(s.name + ": " + MessageFormat.entry(log.entry(i)) + (i <= durable ? "" : " (unsynced)"));
        }
    }

    private static String describe(RecoveryReport r) {
        String entries = r.lastIndex() < r.firstIndex() ? "empty" : "entries " + r.firstIndex() + ".." + r.lastIndex();
        RecoveryReport.TornTail t = r.tornTail();
        return entries + ", "
                + (t == null
                        ? "clean tail"
                        : "torn tail of " + t.file() + ": valid " + t.validBytes() + " bytes, dropped "
                                + t.droppedBytes() + " bytes (" + t.reason() + ")")
                + (r.deletedFiles().isEmpty() ? "" : ", deleted " + r.deletedFiles());
    }

    private void crash(Slot s, CrashMode mode) {
        if (s.disk != null) {
            crashDisk(s, mode);
            return;
        }
        s.log.crash();
        s.meta.crash();
        s.fs.crash(CrashMode.LOSE_UNSYNCED);
        s.clock.clear();
        s.node = null;
        s.fsm.applied().clear();
        out.add(s.name + " crashed: durable log last=" + s.log.lastIndex() + ", meta=" + s.meta.durableMeta());
    }

    /**
     * Crashes a node on segmented storage and reports, per log file, the bytes written, the bytes
     * synced and the bytes the crash left: with {@code TORN_PREFIX} the survivors past the synced
     * size are a sector-cut prefix of the unsynced writes, the torn tail recovery will find.
     */
    private void crashDisk(Slot s, CrashMode mode) {
        List<String> files = new ArrayList<>();
        List<long[]> before = new ArrayList<>();
        for (String f : s.disk.list("log")) {
            String path = "log/" + f;
            try (var h = s.disk.open(path, false)) {
                files.add(path);
                before.add(new long[] {h.size(), s.disk.durableSize(path)});
            }
        }
        s.disk.crash(mode);
        s.diskClock.clear();
        s.clock.clear();
        s.node = null;
        s.fsm.applied().clear();
        out.add(s.name + " crashed (" + mode + ")");
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i);
            long after = s.disk.exists(path) ? s.disk.durableSize(path) : -1;
            out.add("  " + path + ": written " + before.get(i)[0] + " bytes, synced " + before.get(i)[1]
                    + ", left on disk " + (after < 0 ? "nothing (its creation was not durable)" : after));
        }
    }

    private void restart(Slot s) {
        if (s.node != null) {
            throw new IllegalStateException(s.name + " is running; crash it first");
        }
        startNode(s, true);
    }

    private void partition(List<String> args) {
        partition.clear();
        TreeSet<String> group = new TreeSet<>();
        for (String a : args) {
            if (a.equals("/")) {
                partition.add(group);
                group = new TreeSet<>();
            } else {
                group.add(a);
            }
        }
        partition.add(group);
    }

    private void reportStateChanges() {
        for (Slot s : slots.values()) {
            if (s.node == null) {
                s.lastState = "";
                continue;
            }
            NodeDescription d = s.node.describe();
            String st = d.state() + " term=" + d.term();
            if (!st.equals(s.lastState)) {
                out.add(s.name + " is " + st + (d.leaderId() == null ? "" : " leader=" + d.leaderId()));
                s.lastState = st;
            }
        }
    }
}
