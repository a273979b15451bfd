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
import io.raftsim.engine.storage.memory.MemoryLogStorage;
import io.raftsim.engine.storage.memory.MemoryMetaStorage;
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
 *       [inflight=N] [batching=B] [seed=S]}: a fresh cluster n1..nN (tick = 1 ms, election 10 ticks)
 *   <li>{@code tick nX [K]}, {@code campaign nX} (tick until it asks for votes)
 *   <li>{@code deliver [nX]}, {@code deliver-one nX}, {@code drop [nX]}, {@code stabilize [quiet]}
 *   <li>{@code partition a b / c}, {@code heal}
 *   <li>{@code propose nX data}, {@code propose-expect-term nX T data}, {@code propose-many nX N [prefix]}
 *   <li>{@code crash nX} (loses unsynced writes), {@code restart nX}, {@code hold-fsync nX},
 *       {@code release-fsync nX}, {@code fail-meta nX}, {@code fail-log nX}
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
        final RecordingStateMachine fsm;
        NodeImpl node;
        boolean holdFsync;
        String lastState = "";

        Slot(String name) {
            this.name = name;
            this.id = PeerId.of(name);
            this.fsm = new RecordingStateMachine(name, out::add);
        }
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<RaftMessage> network = new ArrayList<>();
    private final List<String> out = new ArrayList<>();
    private final List<TreeSet<String>> partition = new ArrayList<>();
    private NodeOptions.Builder options;
    private long seed = 1;

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
            case "crash" -> crash(slot(args.get(0)));
            case "restart" -> restart(slot(args.get(0)));
            case "hold-fsync" -> slot(args.get(0)).holdFsync = true;
            case "release-fsync" -> {
                slot(args.get(0)).holdFsync = false;
                process(slot(args.get(0)));
            }
            case "fail-meta" ->
                slot(args.get(0))
                        .meta
                        .failNextSave(new StorageException(StorageException.Kind.IO, "injected meta fsync EIO"));
            case "fail-log" ->
                slot(args.get(0))
                        .log
                        .failNextFsync(new StorageException(StorageException.Kind.IO, "injected log fsync EIO"));
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

    private void addNodes(List<String> args) {
        int n = Integer.parseInt(args.get(0));
        // A fresh cluster: forget any previous one in this script.
        slots.clear();
        network.clear();
        partition.clear();
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
        NodeOptions o = options.stateMachine(s.fsm).build();
        NodeEnvironment env = new NodeEnvironment(
                s.clock,
                (to, m) -> network.add(m),
                new SeededRandom(seed * 1000 + s.name.hashCode()),
                s.log,
                s.meta,
                SnapshotStorage.open(s.fs, "snapshot"));
        s.node = new NodeImpl("g", s.id, o, env);
        s.node.start();
        process(s);
    }

    /** Runs the node's ready tasks and (unless held) completes its fsyncs, until nothing is left. */
    private void process(Slot s) {
        while (true) {
            int ran = s.clock.runReady();
            if (!s.holdFsync) {
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

    private void crash(Slot s) {
        s.log.crash();
        s.meta.crash();
        s.fs.crash(CrashMode.LOSE_UNSYNCED);
        s.clock.clear();
        s.node = null;
        s.fsm.applied().clear();
        out.add(s.name + " crashed: durable log last=" + s.log.lastIndex() + ", meta=" + s.meta.durableMeta());
    }

    private void restart(Slot s) {
        if (s.node != null) {
            throw new IllegalStateException(s.name + " is running; crash it first");
        }
        startNode(s);
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
