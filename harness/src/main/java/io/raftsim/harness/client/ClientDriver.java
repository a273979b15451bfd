package io.raftsim.harness.client;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NodeProcess;
import io.raftsim.harness.cluster.ProcessStatus;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.run.OpCounts;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.workload.SplitMix64;
import io.raftsim.workload.kv.KvClosure;
import io.raftsim.workload.kv.KvCommand;
import io.raftsim.workload.kv.KvResult;
import io.raftsim.workload.ops.OpKind;
import io.raftsim.workload.ops.OpSpec;
import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Jepsen-style clients (DESIGN.md section 5): N logical processes, each with at most one op
 * outstanding, recorded as {@code invoke} then {@code ok}, {@code fail} (definitely not applied: a
 * cas whose compare failed) or {@code info} (unknown). A process whose op ends {@code info} retires
 * and a fresh process id takes its slot. Requests carry (client id, seq) so that a retry, sent to
 * whichever node the client now believes leads, is applied at most once (dissertation §6.3).
 * Reads go through the log, or (by default) through the engine's ReadIndex on whichever node the
 * client asked (a follower forwards it to its leader, dissertation §6.4) and then that node's own
 * store, once it has applied up to the read index. Optional reader processes ({@link ReaderMix})
 * come after the clients: each starts every read at the node in its own slot and retries a refused
 * read after a short back-off. Optional writer processes ({@link WriterMix}) come after the readers:
 * each starts every write at the node in its own slot, follows that node's redirect to the leader
 * it names, and asks its node again soon when the leader does not answer, so that writes commit
 * through a new leader as soon as its followers know it.
 *
 * <p>Clients know servers by identity ({@code n<id>}), as a client library knows addresses: first
 * the initial members, then the configuration each reply names, and every leader a redirect names
 * (how they learn of a node that replaced another). They try the servers they know in turn; one
 * that never answers (a retired node) costs an attempt timeout and they move on.
 */
public final class ClientDriver {
    private static final long MS = 1_000_000L;

    private final Simulation sim;
    private final Cluster cluster;
    private final InvariantMonitor monitor;
    private final ClientOptions options;
    private final List<OpSpec> ops;
    private final RandomStream rnd;
    private final Slot[] slots;
    /**
     * Server identities the clients know, in the order they try them: the initial members, then
     * the configuration the latest reply named (see {@link #reply}).
     */
    private final List<Integer> servers = new ArrayList<>();

    /** Validates each op as it is recorded, so the checker need not walk the history again. */
    private final History.Builder history;

    private int nextOp;
    private long nextProcess;
    private long invoked;
    private long ok;
    private long fail;
    private long info;
    private String livenessFailure;
    private final SplitMix64 readerRandom;
    private final long[] readerRequestsByNode;
    private final SplitMix64 writerRandom;
    private final long[] writerRequestsByNode;
    private final long[] writerAcksByNode;
    /** Writes the writers have drawn so far: each writes a value of its own. */
    private long writerSerial;

    /** What a slot's process does. */
    private enum Role {
        /** Takes the next op of the shared op list; tries the servers it knows in turn. */
        CLIENT,
        /** Reads back to back, starting every read at its own node ({@link ReaderMix}). */
        READER,
        /** Writes back to back through the leader its own node names ({@link WriterMix}). */
        WRITER
    }

    /** One client slot: its current process and op. */
    private static final class Slot {
        final int index;
        long process;
        long seq;
        OpSpec op;
        long opId;
        long attempt;
        int target;
        boolean busy;
        /**
         * The current op's time-out and the current attempt's retry, cancelled once they can only
         * find the op over or the attempt superseded: left pending, about one event in fifteen of
         * a campaign was one of them firing to do nothing.
         */
        io.raftsim.sim.Timer opTimeout;

        io.raftsim.sim.Timer retry;
        Role role = Role.CLIENT;
        /** A reader's or writer's slot (it starts at whichever node fills it), or -1 for a client. */
        int home = -1;
        /**
         * A writer's: when each node (by identity) was sent the current write without answering it
         * yet, or -1. A leader cut off from its followers holds the write it accepted and would
         * only append the same request again, so a writer does not send it there again until an
         * ordinary client's attempt timeout has passed (a request to a node that is down is lost
         * at once and forgotten here; one that crashed holding the write is asked again after
         * that timeout).
         */
        final long[] unansweredSinceNs;

        Slot(int index, int identities) {
            this.index = index;
            this.unansweredSinceNs = new long[identities];
            Arrays.fill(unansweredSinceNs, -1);
        }

        boolean reader() {
            return role == Role.READER;
        }

        boolean writer() {
            return role == Role.WRITER;
        }
    }

    public ClientDriver(
            Simulation sim, Cluster cluster, InvariantMonitor monitor, ClientOptions options, List<OpSpec> ops) {
        this.sim = sim;
        this.cluster = cluster;
        this.monitor = monitor;
        this.options = options;
        this.ops = List.copyOf(ops);
        this.rnd = sim.random("clients");
        this.history = new History.Builder("seed " + sim.rootSeed());
        ReaderMix readers = options.readerMix();
        WriterMix writers = options.writerMix();
        int firstWriter = options.clients() + readers.readers();
        this.slots = new Slot[firstWriter + writers.writers()];
        for (int i = 0; i < cluster.size(); i++) {
            servers.add(cluster.process(i).index());
        }
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i, cluster.identities());
            slots[i].process = nextProcess++;
            slots[i].target = servers.get(i % servers.size());
            if (i >= firstWriter) {
                slots[i].role = Role.WRITER;
                slots[i].home = (i - firstWriter) % cluster.size();
                slots[i].target = homeTarget(slots[i]);
            } else if (i >= options.clients()) {
                slots[i].role = Role.READER;
                slots[i].home = (i - options.clients()) % cluster.size();
                slots[i].target = homeTarget(slots[i]);
            }
        }
        // Readers draw from their own stream, and only when there are readers: a run without
        // them replays exactly as before they existed.
        this.readerRandom = readers.readers() == 0
                ? null
                : new SplitMix64(sim.random("readers").nextLong());
        this.readerRequestsByNode = new long[cluster.identities()];
        // Likewise writers: their own stream, drawn only when there are writers.
        this.writerRandom = writers.writers() == 0
                ? null
                : new SplitMix64(sim.random("writers").nextLong());
        this.writerRequestsByNode = new long[cluster.identities()];
        this.writerAcksByNode = new long[cluster.identities()];
    }

    public void start() {
        for (Slot s : slots) {
            scheduleNext(s);
        }
    }

    public List<Op> history() {
        return history.build().ops();
    }

    /** The history recorded so far, named after the run's seed. */
    public History recorded() {
        return history.build();
    }

    public OpCounts counts() {
        return new OpCounts(invoked, ok, fail, info);
    }

    /** The first op that did not complete in the quiet phase, or null. */
    public String livenessFailure() {
        return livenessFailure;
    }

    /** Requests reader processes sent, by the node they were sent to (index = node). */
    public long[] readerRequestsByNode() {
        return readerRequestsByNode.clone();
    }

    /** Requests writer processes sent, by the node they were sent to (index = node). */
    public long[] writerRequestsByNode() {
        return writerRequestsByNode.clone();
    }

    /** Writer processes' writes each node acknowledged as committed (index = node). */
    public long[] writerAcksByNode() {
        return writerAcksByNode.clone();
    }

    private long latencyNs() {
        return 200_000L + rnd.nextLong(300_000L);
    }

    private void scheduleNext(Slot s) {
        if (s.reader()) {
            scheduleRead(s);
            return;
        }
        if (s.writer()) {
            scheduleWrite(s);
            return;
        }
        if (nextOp >= ops.size()) {
            return;
        }
        OpSpec op = ops.get(nextOp++);
        long at = sim.nowNs() + op.thinkMs() * MS;
        if (at >= options.stopInvokingAtMs() * MS) {
            return;
        }
        sim.scheduleAt(at, "client.invoke", -1, s.index, () -> invoke(s, op));
    }

    /** The identity now in a reader's slot: a replacement moves the reader to the new node. */
    private int homeTarget(Slot s) {
        return cluster.process(s.home).index();
    }

    private void scheduleRead(Slot s) {
        ReaderMix mix = options.readerMix();
        OpSpec op = mix.nextRead(readerRandom);
        long at = sim.nowNs() + mix.thinkUs(readerRandom) * 1_000L;
        if (at >= options.stopInvokingAtMs() * MS) {
            return;
        }
        sim.scheduleAt(at, "reader.invoke", -1, s.index, () -> {
            s.target = homeTarget(s);
            invoke(s, op);
        });
    }

    private void scheduleWrite(Slot s) {
        WriterMix mix = options.writerMix();
        OpSpec op = mix.nextWrite(writerRandom, writerSerial++);
        long at = sim.nowNs() + mix.thinkUs(writerRandom) * 1_000L;
        if (at >= options.stopInvokingAtMs() * MS) {
            return;
        }
        sim.scheduleAt(at, "writer.invoke", -1, s.index, () -> {
            s.target = homeTarget(s);
            invoke(s, op);
        });
    }

    private void invoke(Slot s, OpSpec op) {
        s.op = op;
        Arrays.fill(s.unansweredSinceNs, -1);
        s.opId++;
        s.seq++;
        s.busy = true;
        invoked++;
        record(OpType.INVOKE, s, invokeValue(op));
        long opId = s.opId;
        s.opTimeout = sim.schedule(options.opTimeoutMs() * MS, "client.timeout", -1, s.index, () -> {
            if (s.busy && s.opId == opId) {
                timeout(s);
            }
        });
        send(s);
    }

    private void send(Slot s) {
        s.attempt++;
        long opId = s.opId;
        long attempt = s.attempt;
        int target = s.target;
        if (s.reader()) {
            readerRequestsByNode[target]++;
        }
        // A writer does not send its write again to a node that has not answered it for less than
        // an attempt timeout: it waits for that answer, and asks its own node again after
        // resendAfterMs (see Slot.unansweredSinceNs).
        long since = s.writer() ? s.unansweredSinceNs[target] : -1;
        if (since < 0 || sim.nowNs() - since >= options.attemptTimeoutMs() * MS) {
            if (s.writer()) {
                s.unansweredSinceNs[target] = sim.nowNs();
                writerRequestsByNode[target]++;
            }
            KvCommand cmd = new KvCommand(s.op.f(), s.process, s.seq, s.op.key(), s.op.value(), s.op.expected());
            sim.schedule(latencyNs(), "client.send", target, s.index, () -> serve(target, cmd, s, opId, attempt));
        }
        long attemptTimeoutMs = s.reader()
                ? options.readerMix().resendAfterMs()
                : s.writer() ? options.writerMix().resendAfterMs() : options.attemptTimeoutMs();
        if (s.retry != null) {
            s.retry.cancel(); // the previous attempt's, if a reply's back-off sent this one
        }
        s.retry = sim.schedule(attemptTimeoutMs * MS, "client.retry", -1, s.index, () -> {
            if (s.busy && s.opId == opId && s.attempt == attempt) {
                s.target =
                        (s.reader() && options.readsByReadIndex()) || s.writer() ? homeTarget(s) : nextServer(s.target);
                send(s);
            }
        });
    }

    /** The server after {@code id} in the clients' list. */
    private int nextServer(int id) {
        return servers.get((servers.indexOf(id) + 1) % servers.size());
    }

    /** A redirect named {@code id} as the leader: a server to know from now on. */
    private void learn(int id) {
        if (!servers.contains(id)) {
            if (id < 0 || id >= cluster.identities()) {
                throw new IllegalStateException("redirect to unknown server n" + id);
            }
            servers.add(id);
        }
    }

    /** Runs on the server process (held while it is paused, dropped if it is down). */
    private void serve(int nodeIndex, KvCommand cmd, Slot s, long opId, long attempt) {
        NodeProcess p = cluster.processById(nodeIndex);
        if (p.status() == ProcessStatus.DOWN || p.node() == null) {
            // The request is lost, as on a refused connection: a writer may ask that node again
            // as soon as it likes (nothing there holds its write).
            forgetUnanswered(s, opId, nodeIndex);
        }
        p.runNow(() -> {
            RaftNode node = p.node();
            if (node == null) {
                return;
            }
            if (options.readsByReadIndex() && cmd.op() == OpKind.READ) {
                readIndex(p, node, cmd, s, opId, attempt);
                return;
            }
            if (!node.isLeader()) {
                PeerId l = node.leaderId();
                reply(node, s, opId, attempt, new Reply.Redirect(l == null ? -1 : identity(l)));
                return;
            }
            byte[] data = cmd.encode();
            node.apply(Task.of(data, new KvClosure() {
                @Override
                public void run(Status status) {
                    if (status.isOk()) {
                        monitor.onAck(nodeIndex, index(), term(), Cluster.entryDigest(data));
                        if (s.writer()) {
                            writerAcksByNode[nodeIndex]++;
                        }
                        reply(node, s, opId, attempt, new Reply.Done(result()));
                    } else if (status.code() == RaftError.ENOTLEADER) {
                        reply(node, s, opId, attempt, new Reply.Redirect(-1));
                    } else {
                        reply(node, s, opId, attempt, new Reply.Unknown(status.toString()));
                    }
                }
            }));
        });
    }

    private static void forgetUnanswered(Slot s, long opId, int nodeIndex) {
        if (s.writer() && s.busy && s.opId == opId) {
            s.unansweredSinceNs[nodeIndex] = -1;
        }
    }

    /**
     * A read by ReadIndex: once the engine says this node applied at least the read index, the
     * node's own store answers. On any error nothing was read, and the client tries again
     * elsewhere (a read has no effect, so retrying it is always safe).
     */
    private void readIndex(NodeProcess p, RaftNode node, KvCommand cmd, Slot s, long opId, long attempt) {
        node.readIndex(new byte[0], (status, index, ctx) -> {
            if (!status.isOk()) {
                PeerId l = node.leaderId();
                int hint = l == null || l.equals(node.serverId()) ? -1 : identity(l);
                reply(node, s, opId, attempt, new Reply.Redirect(hint));
                return;
            }
            // The engine's applied index counts configuration and no-op entries too, which the
            // store never sees: the check compares with the node's, not the store's.
            long applied = p.node() == node ? node.status().appliedIndex() : -1;
            if (applied < index) {
                throw new IllegalStateException("read index " + index + " reported on n" + p.index()
                        + " but the node applied only " + applied + " (-1: another incarnation)");
            }
            reply(
                    node,
                    s,
                    opId,
                    attempt,
                    new Reply.Done(new KvResult.ReadOk(p.stateMachine().store().read(cmd.key()))));
        });
    }

    /**
     * Sends {@code r} back with the replying node's voters: the configuration is how clients learn
     * of a node that replaced another and forget a retired one (braft's route table, refreshed
     * from the group's configuration). A stale node may name an old configuration; the next reply
     * corrects it, and a redirect to a leader the list lacks adds it.
     */
    private void reply(RaftNode node, Slot s, long opId, long attempt, Reply r) {
        List<Integer> voters = new ArrayList<>();
        for (PeerId peer : node.listPeers()) {
            voters.add(identity(peer));
        }
        int from = identity(node.serverId());
        sim.schedule(latencyNs(), "client.reply", -1, s.index, () -> {
            if (!voters.isEmpty()) {
                servers.clear();
                servers.addAll(voters);
            }
            onReply(s, opId, attempt, from, r);
        });
    }

    /**
     * The node identity in a peer's endpoint {@code n<id>}. Parsed by hand: every reply names all
     * the replying node's voters, and a substring per voter per reply was the client driver's
     * largest allocation.
     */
    private static int identity(PeerId peer) {
        String e = peer.endpoint();
        int id = 0;
        for (int i = 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c < '0' || c > '9' || id > (Integer.MAX_VALUE - 9) / 10) {
                throw new NumberFormatException("peer endpoint " + e + " is not n<id>");
            }
            id = id * 10 + (c - '0');
        }
        if (e.length() < 2) {
            throw new NumberFormatException("peer endpoint " + e + " is not n<id>");
        }
        return id;
    }

    private void onReply(Slot s, long opId, long attempt, int from, Reply r) {
        if (!s.busy || s.opId != opId) {
            return;
        }
        s.unansweredSinceNs[from] = -1;
        if (r instanceof Reply.Done d) {
            complete(s, d.result());
            return;
        }
        if (attempt != s.attempt) {
            return;
        }
        if (s.reader() && options.readsByReadIndex()) {
            // A reader keeps asking its own node: any node serves ReadIndex (a follower forwards
            // it to its leader), so a refusal means "not yet", and asking again soon is the point.
            s.target = homeTarget(s);
        } else if (s.writer()) {
            // A writer goes where the answering node says the leader is; a node that names none
            // (an election under way, or a deposed leader cut off from the others) sends it on to
            // the next server, so that whichever node first knows the new leader names it.
            if (r instanceof Reply.Redirect rd && rd.leaderHint() >= 0 && rd.leaderHint() != from) {
                learn(rd.leaderHint());
                s.target = rd.leaderHint();
            } else {
                s.target = nextServer(from);
            }
        } else if (r instanceof Reply.Redirect rd && rd.leaderHint() >= 0 && rd.leaderHint() != s.target) {
            learn(rd.leaderHint());
            s.target = rd.leaderHint();
        } else {
            s.target = nextServer(s.target);
        }
        long backoffNs = s.reader()
                ? options.readerMix().backoffUs(readerRandom) * 1_000L
                : s.writer() ? options.writerMix().backoffUs(writerRandom) * 1_000L : 5 * MS + rnd.nextLong(20 * MS);
        long next = s.attempt;
        sim.schedule(backoffNs, "client.backoff", -1, s.index, () -> {
            if (s.busy && s.opId == opId && s.attempt == next) {
                send(s);
            }
        });
    }

    /** The op ended: its time-out and retry would find nothing to do. */
    private static void cancelTimers(Slot s) {
        if (s.opTimeout != null) {
            s.opTimeout.cancel();
        }
        if (s.retry != null) {
            s.retry.cancel();
        }
    }

    private void complete(Slot s, KvResult r) {
        s.busy = false;
        cancelTimers(s);
        if (r instanceof KvResult.CasFailed) {
            fail++;
            record(OpType.FAIL, s, invokeValue(s.op));
        } else if (r instanceof KvResult.Stale) {
            // Cannot happen with one request outstanding per client; unknown if it ever does.
            info++;
            record(OpType.INFO, s, invokeValue(s.op));
            retire(s);
        } else if (r instanceof KvResult.ReadOk ro) {
            ok++;
            record(OpType.OK, s, wrap(s.op.key(), ro.value()));
        } else {
            ok++;
            record(OpType.OK, s, invokeValue(s.op));
        }
        scheduleNext(s);
    }

    private void timeout(Slot s) {
        s.busy = false;
        cancelTimers(s);
        long invokedAtMs = (sim.nowNs() / MS) - options.opTimeoutMs();
        if (livenessFailure == null && invokedAtMs >= options.livenessFromMs()) {
            livenessFailure = "client process " + s.process + " " + s.op.f().jepsenName() + " on key " + s.op.key()
                    + " invoked at " + invokedAtMs + " ms (quiet phase, after the heal) got no answer within "
                    + options.opTimeoutMs() + " ms";
        }
        if (s.reader()) {
            // A read has no effect, so one that got no answer definitely changed nothing: recorded
            // fail, as Jepsen's clients record a timed-out read. An info read would stay open to
            // the end of the history, and thousands of reads would swamp the checker's search.
            fail++;
            record(OpType.FAIL, s, invokeValue(s.op));
            scheduleNext(s);
            return;
        }
        info++;
        record(OpType.INFO, s, invokeValue(s.op));
        retire(s);
        scheduleNext(s);
    }

    private void retire(Slot s) {
        s.process = nextProcess++;
        s.seq = 0;
    }

    /** Ends the run: ops still outstanding are recorded {@code info}. */
    public void finish() {
        for (Slot s : slots) {
            if (s.busy && s.reader()) {
                s.busy = false;
                fail++;
                record(OpType.FAIL, s, invokeValue(s.op));
            } else if (s.busy) {
                s.busy = false;
                info++;
                record(OpType.INFO, s, invokeValue(s.op));
            }
        }
    }

    private Object invokeValue(OpSpec op) {
        return switch (op.f()) {
            case READ -> wrap(op.key(), null);
            case WRITE -> wrap(op.key(), op.value());
            case CAS -> wrap(op.key(), Arrays.asList(op.expected(), op.value()));
        };
    }

    private Object wrap(int key, Object v) {
        return options.tupleValues() ? Arrays.asList((long) key, v) : v;
    }

    private void record(OpType type, Slot s, Object value) {
        history.add(new Op(
                history.size(),
                sim.nowNs(),
                type,
                ProcessId.client(s.process),
                s.op.f().jepsenName(),
                value,
                Map.of()));
    }

    static boolean isWrite(OpKind k) {
        return k != OpKind.READ;
    }
}
