package io.raftsim.engine.testing;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.node.NodeImpl;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.engine.storage.memory.MemoryLogStorage;
import io.raftsim.engine.storage.memory.MemoryMetaStorage;
import io.raftsim.engine.storage.snapshot.SnapshotReader;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic in-memory cluster: real {@link NodeImpl}s on one {@link TestScheduler}, a lossy
 * test transport and {@link MemoryLogStorage} with fsync latency. Checks Raft's safety properties
 * online (one leader per term, state machine safety) and on demand (log matching, durability of
 * acknowledged writes).
 */
public final class TestCluster {
    /** What a node applied at one index. */
    public record Applied(long term, String data) {}

    private final int size;
    private final long seed;
    private final SplittableRandom random;
    private final TestScheduler scheduler;
    private final NodeOptions.Builder options;
    private final PeerId[] ids;
    private final NodeImpl[] nodes;
    private final MemoryLogStorage[] logs;
    /** What each running node sees of its log: a fresh, unarmed decorator per process start. */
    private final FaultyLogStorage[] faultyLogs;

    private final MemoryMetaStorage[] metas;
    /** Per node, when snapshots are on: the disk holding its snapshot directory. */
    private final MemoryFileSystem[] snapshotFs;

    private final List<List<String>> appliedData = new ArrayList<>();
    private final List<List<String>> events = new ArrayList<>();
    private final long latencyNanosMin;
    private final long latencyNanosMax;
    private double dropProbability;
    /** Stream (TCP-like, braft runs on brpc) links: per-link FIFO. Otherwise datagrams may reorder. */
    private boolean fifo;
    /** Datagram links may deliver a message twice (each copy with its own latency). */
    private double duplicateProbability;

    private final long[][] lastDeliveryNanos;

    // Safety observations.
    private final TreeMap<Long, PeerId> leaderOfTerm = new TreeMap<>();
    private final TreeMap<Long, Applied> appliedAt = new TreeMap<>();
    private final TreeMap<Long, String> acknowledged = new TreeMap<>();
    private long messages;
    private String poison;

    /** Every state machine throws when it applies {@code data} (a buggy state machine). */
    public void poison(String data) {
        poison = data;
    }

    public TestCluster(
            int size,
            long seed,
            NodeOptions.Builder options,
            long fsyncNanos,
            long latencyNanosMin,
            long latencyNanosMax,
            double dropProbability) {
        this(size, seed, options, fsyncNanos, latencyNanosMin, latencyNanosMax, dropProbability, false, size);
    }

    /**
     * With {@code snapshots}, every node also has snapshot storage on an in-memory crash file system
     * and its state machine saves and loads its applied list. Only the first {@code initialVoters}
     * nodes form the initial configuration; the others start outside it (spares for membership
     * changes) and wait for a leader to add them.
     */
    public TestCluster(
            int size,
            long seed,
            NodeOptions.Builder options,
            long fsyncNanos,
            long latencyNanosMin,
            long latencyNanosMax,
            double dropProbability,
            boolean snapshots,
            int initialVoters) {
        this.size = size;
        this.snapshotFs = snapshots ? new MemoryFileSystem[size] : null;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.scheduler = new TestScheduler(size);
        this.latencyNanosMin = latencyNanosMin;
        this.latencyNanosMax = latencyNanosMax;
        this.dropProbability = dropProbability;
        this.lastDeliveryNanos = new long[size][size];
        this.ids = new PeerId[size];
        for (int i = 0; i < size; i++) {
            ids[i] = PeerId.of("n" + (i + 1));
        }
        this.options = options.initialConfiguration(
                Configuration.of(java.util.Arrays.copyOf(ids, Math.max(1, Math.min(size, initialVoters)))));
        this.nodes = new NodeImpl[size];
        this.logs = new MemoryLogStorage[size];
        this.faultyLogs = new FaultyLogStorage[size];
        this.metas = new MemoryMetaStorage[size];
        for (int i = 0; i < size; i++) {
            logs[i] = new MemoryLogStorage(scheduler.clockFor(i), fsyncNanos);
            metas[i] = new MemoryMetaStorage(scheduler.clockFor(i), fsyncNanos);
            if (snapshots) {
                snapshotFs[i] = new MemoryFileSystem(scheduler.clockFor(i), seed * 7 + i);
            }
            appliedData.add(new ArrayList<>());
            events.add(new ArrayList<>());
            start(i);
        }
    }

    public String repro() {
        return "seed=" + seed + " nodes=" + size;
    }

    private void fail(String what) {
        throw new AssertionError("[" + repro() + " t=" + scheduler.nowNanos() + "ns] " + what);
    }

    private void start(int i) {
        List<String> applied = appliedData.get(i);
        applied.clear();
        StateMachine fsm = new StateMachine() {
            @Override
            public void onApply(Iterator it) {
                for (; it.valid(); it.next()) {
                    String data = new String(it.data(), java.nio.charset.StandardCharsets.UTF_8);
                    if (data.equals(poison)) {
                        throw new IllegalStateException("poisoned entry " + data);
                    }
                    observeApply(i, it.index(), it.term(), data);
                    applied.add(data);
                    if (it.done() != null) {
                        it.done().run(Status.ok());
                    }
                }
            }

            @Override
            public void onSnapshotSave(SnapshotWriter writer, io.raftsim.engine.Closure done) {
                writer.writeFile("applied", String.join("\n", applied).getBytes(StandardCharsets.UTF_8));
                done.run(Status.ok());
            }

            @Override
            public void onSnapshotLoad(SnapshotReader reader) {
                String text = new String(reader.readFile("applied"), StandardCharsets.UTF_8);
                applied.clear();
                if (!text.isEmpty()) {
                    applied.addAll(java.util.Arrays.asList(text.split("\n")));
                }
                events.get(i).add("onSnapshotLoad " + reader.meta().lastIncludedIndex());
            }

            @Override
            public void onLeaderStart(long term) {
                events.get(i).add("onLeaderStart " + term);
            }

            @Override
            public void onLeaderStop(Status status) {
                events.get(i).add("onLeaderStop " + status.code());
            }

            @Override
            public void onError(Status status) {
                events.get(i).add("onError " + status.code());
            }

            @Override
            public void onShutdown() {
                events.get(i).add("onShutdown");
            }
        };
        NodeEnvironment env = new NodeEnvironment(
                scheduler.clockFor(i),
                (to, m) -> send(i, m),
                new SeededRandom(seed * 31 + i),
                faultyLogs[i] = new FaultyLogStorage(logs[i]),
                metas[i],
                snapshotFs == null ? null : SnapshotStorage.open(snapshotFs[i], "snapshot"));
        nodes[i] = new NodeImpl("g", ids[i], options.stateMachine(fsm).build(), env);
        nodes[i].start();
    }

    private void observeApply(int node, long index, long term, String data) {
        Applied a = new Applied(term, data);
        Applied prev = appliedAt.putIfAbsent(index, a);
        if (prev != null && !prev.equals(a)) {
            fail("state machine safety: n" + (node + 1) + " applied " + a + " at " + index
                    + " but another node applied " + prev);
        }
    }

    private final TreeMap<String, Long> messagesByType = new TreeMap<>();

    /** Messages sent so far per message type (simple class name, with "-empty" for heartbeats). */
    public TreeMap<String, Long> messagesByType() {
        return messagesByType;
    }

    private long traceHash = 1125899906842597L;

    /** A hash over every message sent (time, sender, text): equal seeds must give equal hashes. */
    public long traceHash() {
        return traceHash;
    }

    private void send(int from, RaftMessage m) {
        messages++;
        traceHash = 31 * traceHash + scheduler.nowNanos();
        traceHash = 31 * traceHash + MessageFormat.message(m).hashCode();
        String type = m.getClass().getSimpleName();
        if (m instanceof AppendEntriesRequest ae && ae.entries().isEmpty()) {
            type += "-empty";
        } else if (m instanceof io.raftsim.engine.message.AppendEntriesResponse r && !r.success()) {
            type += "-reject";
        }
        messagesByType.merge(type, 1L, Long::sum);
        if (m instanceof AppendEntriesRequest ae) {
            PeerId prev = leaderOfTerm.putIfAbsent(ae.term(), ae.from());
            if (prev != null && !prev.equals(ae.from())) {
                fail("election safety: two leaders in term " + ae.term() + ": " + prev + " and " + ae.from());
            }
        }
        if (random.nextDouble() < dropProbability) {
            return;
        }
        int to = index(m.to());
        long delay = latencyNanosMin + random.nextLong(latencyNanosMax - latencyNanosMin + 1);
        if (fifo) {
            long at = Math.max(scheduler.nowNanos() + delay, lastDeliveryNanos[from][to]);
            lastDeliveryNanos[from][to] = at;
            delay = at - scheduler.nowNanos();
        }
        scheduler.schedule(to, delay, () -> {
            if (nodes[to] != null) {
                nodes[to].receive(m);
            }
        });
        if (duplicateProbability > 0 && random.nextDouble() < duplicateProbability) {
            long copyDelay = latencyNanosMin + random.nextLong(latencyNanosMax - latencyNanosMin + 1);
            scheduler.schedule(to, Math.max(delay, copyDelay), () -> {
                if (nodes[to] != null) {
                    nodes[to].receive(m);
                }
            });
        }
    }

    private int index(PeerId p) {
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(p)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown peer " + p);
    }

    /** Leader/error/shutdown callbacks node i received, in order. */
    public List<String> events(int i) {
        return events.get(i);
    }

    public TestScheduler scheduler() {
        return scheduler;
    }

    public NodeImpl node(int i) {
        return nodes[i];
    }

    public MemoryLogStorage log(int i) {
        return logs[i];
    }

    /** The log as node i's current process sees it, where faults that stick are armed. */
    public FaultyLogStorage faultyLog(int i) {
        return faultyLogs[i];
    }

    public MemoryMetaStorage meta(int i) {
        return metas[i];
    }

    public int size() {
        return size;
    }

    public long messages() {
        return messages;
    }

    public void setFifo(boolean fifo) {
        this.fifo = fifo;
    }

    /** Each message is delivered a second time with probability {@code p} (a duplicating link). */
    public void setDuplicateProbability(double p) {
        duplicateProbability = p;
    }

    public void setDropProbability(double p) {
        dropProbability = p;
    }

    public boolean isUp(int i) {
        return nodes[i] != null;
    }

    public void crash(int i) {
        scheduler.crash(i);
        logs[i].crash();
        metas[i].crash();
        if (snapshotFs != null) {
            snapshotFs[i].crash(CrashMode.LOSE_UNSYNCED);
        }
        nodes[i] = null;
    }

    public void restart(int i) {
        if (nodes[i] != null) {
            throw new IllegalStateException("n" + (i + 1) + " is up");
        }
        start(i);
    }

    public int leader() {
        int best = -1;
        long bestTerm = -1;
        for (int i = 0; i < size; i++) {
            if (nodes[i] != null && nodes[i].isLeader() && nodes[i].describe().term() > bestTerm) {
                best = i;
                bestTerm = nodes[i].describe().term();
            }
        }
        return best;
    }

    /** Proposes {@code data} on node i; an OK closure records the write as acknowledged. */
    public void propose(int i, String data) {
        nodes[i].apply(Task.of(data.getBytes(java.nio.charset.StandardCharsets.UTF_8), st -> {
            if (st.isOk()) {
                String prev = acknowledged.put(lastAppliedIndexFor(data), data);
                if (prev != null) {
                    fail("two acknowledged writes at one index: " + prev + " and " + data);
                }
            }
        }));
    }

    private long lastAppliedIndexFor(String data) {
        // The closure runs inside onApply, right after the entry was recorded.
        Map.Entry<Long, Applied> last = null;
        for (Map.Entry<Long, Applied> e : appliedAt.descendingMap().entrySet()) {
            if (e.getValue().data().equals(data)) {
                last = e;
                break;
            }
        }
        if (last == null) {
            fail("acknowledged write '" + data + "' was never applied");
        }
        return last.getKey();
    }

    /** Highest index of an acknowledged write so far (0 if none). */
    public long maxAcknowledgedIndex() {
        return acknowledged.isEmpty() ? 0 : acknowledged.lastKey();
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public void runFor(long nanos) {
        long until = scheduler.nowNanos() + nanos;
        while (scheduler.nowNanos() < until && scheduler.step()) {
            // Events run in virtual-time order.
        }
    }

    /** Log matching (Raft paper §5.3): same index and term means identical prefixes. */
    public void checkLogMatching() {
        for (int a = 0; a < size; a++) {
            for (int b = a + 1; b < size; b++) {
                MemoryLogStorage la = logs[a];
                MemoryLogStorage lb = logs[b];
                long last = Math.min(la.lastIndex(), lb.lastIndex());
                long first = Math.max(la.firstIndex(), lb.firstIndex());
                long highestMatch = 0;
                for (long i = last; i >= first; i--) {
                    if (la.termAt(i) == lb.termAt(i)) {
                        highestMatch = i;
                        break;
                    }
                }
                for (long i = first; i <= highestMatch; i++) {
                    if (!la.entry(i).equals(lb.entry(i))) {
                        fail("log matching: n" + (a + 1) + " and n" + (b + 1) + " agree on term at " + highestMatch
                                + " but differ at " + i + ": " + la.entry(i) + " vs " + lb.entry(i));
                    }
                }
            }
        }
    }

    /** Every acknowledged write is applied, at its index, by every node that applied that far. */
    public void checkAcknowledgedDurable(long minApplied) {
        checkAcknowledgedDurable(minApplied, i -> true);
    }

    /** As above, for the nodes {@code member} selects (after membership changes: the final members). */
    public void checkAcknowledgedDurable(long minApplied, java.util.function.IntPredicate member) {
        for (int i = 0; i < size; i++) {
            if (nodes[i] == null || !member.test(i)) {
                continue;
            }
            long applied = nodes[i].describe().appliedIndex();
            if (applied < minApplied) {
                fail("n" + (i + 1) + " applied only " + applied + " < " + minApplied + " after healing");
            }
        }
        for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
            Applied a = appliedAt.get(e.getKey());
            if (a == null || !a.data().equals(e.getValue())) {
                fail("acknowledged write " + e.getValue() + " at " + e.getKey() + " lost; applied there: " + a);
            }
            for (int i = 0; i < size; i++) {
                if (nodes[i] == null || !member.test(i)) {
                    continue;
                }
                var log = logs[i];
                if (e.getKey() < log.firstIndex()) {
                    // Compacted into a snapshot: the state machine must hold it instead.
                    if (!appliedData.get(i).contains(e.getValue())) {
                        fail("acknowledged write " + e.getValue() + " at " + e.getKey() + " compacted on n" + (i + 1)
                                + " but missing from its state machine");
                    }
                    continue;
                }
                if (log.lastIndex() < e.getKey()
                        || !new String(log.entry(e.getKey()).data(), java.nio.charset.StandardCharsets.UTF_8)
                                .equals(e.getValue())) {
                    fail("acknowledged write " + e.getValue() + " at " + e.getKey() + " missing from n" + (i + 1)
                            + "'s log");
                }
            }
        }
    }

    public long maxCommit() {
        long max = 0;
        for (NodeImpl n : nodes) {
            if (n != null) {
                max = Math.max(max, n.describe().commitIndex());
            }
        }
        return max;
    }
}
