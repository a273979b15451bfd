package io.raftsim.engine.node;

import io.raftsim.engine.Closure;
import io.raftsim.engine.LeaderChangeContext;
import io.raftsim.engine.NodeDescription;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.NodeState;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.PeerProgress;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.core.CoreConfig;
import io.raftsim.engine.core.Effect;
import io.raftsim.engine.core.RaftCore;
import io.raftsim.engine.core.RoleKind;
import io.raftsim.engine.core.conf.ConfigurationCodec;
import io.raftsim.engine.core.conf.ConfigurationEntry;
import io.raftsim.engine.core.tracker.Progress;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.RaftMeta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The braft-style node: drives the pure {@link RaftCore} through the SPIs. It issues storage writes
 * in the order the core asks, holds every outbound message until the writes it depends on are
 * durable (term and vote before any message; a follower's log before its acknowledgement), writes
 * the leader's log in parallel with replication, applies committed entries asynchronously in
 * batches, and turns any storage failure into the sticky ERROR state (never retrying an fsync).
 */
public final class NodeImpl implements RaftNode {
    private final String groupId;
    private final PeerId serverId;
    private final NodeOptions options;
    private final NodeEnvironment env;
    private final StateMachine fsm;
    private final long tickNanos;

    /** The node's own lifecycle; the raft role comes from the core while RUNNING. */
    private enum Lifecycle {
        NEW,
        RUNNING,
        ERROR,
        SHUTDOWN
    }

    private RaftCore core;
    private Lifecycle lifecycle = Lifecycle.NEW;
    /** True while effects are being handled: storage completions arriving then are deferred. */
    private boolean processing;

    private Cancellable tickTimer;

    // Storage ordering: sequence numbers of issued and completed writes, for the send barrier.
    private long metaIssued;
    private long metaDone;
    private long logIssued;
    private long logDone;
    private final ArrayDeque<PendingSend> outbox = new ArrayDeque<>();

    // Proposals.
    private final List<Task> batch = new ArrayList<>();
    private boolean flushScheduled;
    private final TreeMap<Long, PendingTask> pending = new TreeMap<>();

    // Apply queue (braft's FSMCaller).
    private final ArrayDeque<FsmEvent> fsmQueue = new ArrayDeque<>();
    private boolean applyScheduled;
    private long applyQueuedTo;
    private long leaderTerm = -1;
    private long leaderConfIndex = -1;
    private long fsmLeaderTerm = -1;

    private final NodeStats stats = new NodeStats();

    public NodeImpl(String groupId, PeerId serverId, NodeOptions options, NodeEnvironment env) {
        this.groupId = groupId;
        this.serverId = serverId;
        this.options = options;
        this.env = env;
        this.fsm = options.stateMachine();
        this.tickNanos = options.tickIntervalMs() * 1_000_000L;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void start() {
        if (lifecycle != Lifecycle.NEW) {
            throw new IllegalStateException("node " + serverId + " already started (state " + lifecycle + ")");
        }
        RaftMeta meta = env.metaStorage().load();
        core = new RaftCore(
                groupId,
                serverId,
                CoreConfig.from(options),
                env.random(),
                meta,
                new LogStorageView(env.logStorage()),
                options.initialConfiguration());
        applyQueuedTo = core.log().applied();
        lifecycle = Lifecycle.RUNNING;
        scheduleTick();
        process();
    }

    @Override
    public void shutdown(Closure done) {
        if (lifecycle == Lifecycle.SHUTDOWN) {
            if (done != null) {
                env.clock().execute(() -> done.run(Status.ok()));
            }
            return;
        }
        boolean wasStarted = lifecycle != Lifecycle.NEW;
        lifecycle = Lifecycle.SHUTDOWN;
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        // Older tasks first: closures complete in proposal order.
        failPending(RaftError.ESHUTDOWN, "node shut down before the task was applied");
        failBatch(RaftError.ESHUTDOWN, "node shut down");
        outbox.clear();
        if (wasStarted) {
            enqueueFsm(new FsmEvent.Shutdown(done));
        } else if (done != null) {
            env.clock().execute(() -> done.run(Status.ok()));
        }
    }

    private boolean running() {
        return lifecycle == Lifecycle.RUNNING;
    }

    private void scheduleTick() {
        tickTimer = env.clock().schedule(tickNanos, () -> {
            if (running()) {
                core.tick();
                process();
                scheduleTick();
            }
        });
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public void receive(RaftMessage message) {
        if (!running()) {
            return;
        }
        stats.messagesReceived++;
        core.step(message);
        process();
    }

    @Override
    public void apply(Task task) {
        Status refusal = refusal(task);
        if (refusal != null) {
            complete(task.done(), refusal);
            return;
        }
        batch.add(task);
        if (!options.proposalBatching()) {
            flushBatch();
        } else if (!flushScheduled) {
            // Every task applied during this event-loop turn goes into one append and one message.
            flushScheduled = true;
            env.clock().execute(() -> {
                flushScheduled = false;
                flushBatch();
            });
        }
    }

    private Status refusal(Task task) {
        if (lifecycle == Lifecycle.NEW || lifecycle == Lifecycle.SHUTDOWN) {
            return Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle);
        }
        if (lifecycle == Lifecycle.ERROR) {
            return Status.error(RaftError.ENOTLEADER, "node " + serverId + " is in ERROR state");
        }
        if (core.role() != RoleKind.LEADER) {
            return Status.error(RaftError.ENOTLEADER, "not leader; leader is " + core.leader());
        }
        if (task.expectedTerm() != Task.ANY_TERM && task.expectedTerm() != core.term()) {
            return Status.error(
                    RaftError.ESTALE, "expected term " + task.expectedTerm() + " but current term is " + core.term());
        }
        if (pending.size() + batch.size() >= options.maxPendingTasks()) {
            return Status.error(RaftError.EBUSY, "too many pending tasks (" + options.maxPendingTasks() + ")");
        }
        return null;
    }

    private void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        if (!running() || core.role() != RoleKind.LEADER) {
            failBatch(RaftError.ENOTLEADER, "leadership lost before the task was proposed");
            return;
        }
        List<byte[]> data = new ArrayList<>(batch.size());
        for (Task t : batch) {
            data.add(t.data());
        }
        long first = core.propose(data);
        if (first < 0) {
            failBatch(RaftError.ENOTLEADER, "not leader");
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Task t = batch.get(i);
            if (t.done() != null) {
                pending.put(first + i, new PendingTask(core.term(), t.done()));
            }
        }
        stats.proposals += batch.size();
        batch.clear();
        process();
    }

    // ---------------------------------------------------------------- effects

    private void process() {
        if (core == null) {
            return;
        }
        boolean outer = !processing;
        processing = true;
        try {
            List<Effect> effects;
            while (!(effects = core.drainEffects()).isEmpty()) {
                for (Effect e : effects) {
                    if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
                        handleAfterStop(e);
                    } else {
                        handle(e);
                    }
                }
            }
        } finally {
            if (outer) {
                processing = false;
            }
        }
        if (outer) {
            flushOutbox();
            queueApply();
        }
    }

    private void handle(Effect e) {
        if (e instanceof Effect.PersistMeta pm) {
            long seq = ++metaIssued;
            stats.metaWrites++;
            try {
                env.metaStorage().save(pm.meta(), err -> onMetaDone(seq, pm.meta(), err));
            } catch (StorageException ex) {
                fail(ex);
            }
        } else if (e instanceof Effect.AppendLog al) {
            long seq = ++logIssued;
            LogEntry last = al.entries().get(al.entries().size() - 1);
            stats.logAppends++;
            try {
                env.logStorage().append(al.entries(), err -> onLogDone(seq, last.index(), last.term(), err));
            } catch (StorageException ex) {
                fail(ex);
            }
        } else if (e instanceof Effect.TruncateLog tl) {
            long seq = ++logIssued;
            try {
                env.logStorage().truncateSuffix(tl.lastIndexKept(), err -> onLogDone(seq, -1, -1, err));
            } catch (StorageException ex) {
                fail(ex);
            }
        } else if (e instanceof Effect.Send s) {
            outbox.add(new PendingSend(s.message(), metaIssued, s.afterLogDurable() ? logIssued : 0));
        } else {
            handleRoleEffect(e);
        }
    }

    /** After ERROR or shutdown only the hand-over message and the role bookkeeping still matter. */
    private void handleAfterStop(Effect e) {
        if (e instanceof Effect.Send s && s.message() instanceof TimeoutNow) {
            // The leader's term is durable (it won an election in it): nothing to wait for.
            stats.messagesSent++;
            env.transport().send(s.message().to(), s.message());
        } else if (!(e instanceof Effect.Send)
                && !(e instanceof Effect.PersistMeta)
                && !(e instanceof Effect.AppendLog)
                && !(e instanceof Effect.TruncateLog)) {
            handleRoleEffect(e);
        }
    }

    private void handleRoleEffect(Effect e) {
        if (e instanceof Effect.LeaderChanged lc) {
            if (lc.previous() != null && !lc.previous().equals(serverId)) {
                enqueueFsm(new FsmEvent.StopFollowing(new LeaderChangeContext(
                        lc.previous(), lc.term(), Status.error(RaftError.EPERM, "leader changed"))));
            }
            if (lc.leader() != null && !lc.leader().equals(serverId)) {
                enqueueFsm(new FsmEvent.StartFollowing(new LeaderChangeContext(lc.leader(), lc.term(), Status.ok())));
            }
        } else if (e instanceof Effect.BecameLeader bl) {
            leaderTerm = bl.term();
            leaderConfIndex = bl.confIndex();
        } else if (e instanceof Effect.SteppedDown sd) {
            leaderTerm = -1;
            leaderConfIndex = -1;
            failPending(RaftError.EPERM, "leader stepped down (" + sd.reason() + "); the entry may still commit");
            failBatch(RaftError.ENOTLEADER, "leader stepped down before proposing: " + sd.reason());
            enqueueFsm(new FsmEvent.LeaderStop(sd.term(), Status.error(RaftError.EPERM, sd.reason())));
        }
    }

    private void onMetaDone(long seq, RaftMeta meta, StorageException err) {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        if (processing) {
            // A storage that completes synchronously, inside save(): finish handling the current
            // effects first, so that effects keep their order.
            env.clock().execute(() -> onMetaDone(seq, meta, err));
            return;
        }
        if (err != null) {
            fail(err);
            return;
        }
        metaDone = Math.max(metaDone, seq);
        core.onMetaPersisted(meta);
        process();
    }

    private void onLogDone(long seq, long index, long term, StorageException err) {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        if (processing) {
            env.clock().execute(() -> onLogDone(seq, index, term, err));
            return;
        }
        if (err != null) {
            fail(err);
            return;
        }
        logDone = Math.max(logDone, seq);
        if (index > 0) {
            core.onLogPersisted(index, term);
        }
        process();
    }

    private void flushOutbox() {
        while (!outbox.isEmpty()) {
            PendingSend head = outbox.peekFirst();
            if (head.metaSeq() > metaDone || head.logSeq() > logDone) {
                return;
            }
            outbox.pollFirst();
            stats.messagesSent++;
            env.transport().send(head.message().to(), head.message());
        }
    }

    /** Any storage failure: sticky ERROR, onError, hand-over; never retry (the fsync may have lied). */
    private void fail(StorageException ex) {
        fail(Status.error(RaftError.EIO, ex.getMessage()));
    }

    private void fail(Status status) {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        lifecycle = Lifecycle.ERROR;
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        outbox.clear();
        core.halt(status.code() + ": " + status.message());
        process();
        enqueueFsm(new FsmEvent.Error(status));
    }

    private void failBatch(RaftError code, String why) {
        for (Task t : batch) {
            complete(t.done(), Status.error(code, why));
        }
        batch.clear();
    }

    private void failPending(RaftError code, String why) {
        for (PendingTask p : pending.values()) {
            complete(p.done(), Status.error(code, why));
        }
        pending.clear();
    }

    private void complete(Closure done, Status status) {
        if (done != null) {
            env.clock().execute(() -> done.run(status));
        }
    }

    // ---------------------------------------------------------------- apply

    private void queueApply() {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        long applicable = core.log().applicableIndex();
        if (applicable > applyQueuedTo) {
            applyQueuedTo = applicable;
            fsmQueue.add(new FsmEvent.ApplyTo(applicable));
            scheduleApply();
        }
    }

    private void enqueueFsm(FsmEvent ev) {
        fsmQueue.add(ev);
        scheduleApply();
    }

    private void scheduleApply() {
        if (!applyScheduled) {
            applyScheduled = true;
            env.clock().execute(this::drainApply);
        }
    }

    /** One batch or one callback per event-loop turn, so that applying never starves the protocol. */
    private void drainApply() {
        applyScheduled = false;
        FsmEvent ev = fsmQueue.peekFirst();
        if (ev == null) {
            return;
        }
        if (ev instanceof FsmEvent.ApplyTo at) {
            if (lifecycle == Lifecycle.ERROR) {
                fsmQueue.pollFirst();
            } else if (applyBatch(at.index())) {
                fsmQueue.pollFirst();
            }
        } else {
            fsmQueue.pollFirst();
            runCallback(ev);
        }
        if (!fsmQueue.isEmpty()) {
            scheduleApply();
        }
    }

    /** Applies the next batch up to {@code target}; returns true once {@code target} is reached. */
    private boolean applyBatch(long target) {
        long from = core.log().applied() + 1;
        if (from > target) {
            return true;
        }
        List<LogEntry> entries = core.log().entries(from, target, options.maxApplyBatch(), Long.MAX_VALUE);
        List<LogEntry> data = new ArrayList<>();
        List<Closure> closures = new ArrayList<>();
        for (LogEntry e : entries) {
            if (e.type() == EntryType.DATA) {
                data.add(e);
                closures.add(takeClosure(e));
                continue;
            }
            applyData(data, closures);
            applyConfiguration(e);
        }
        applyData(data, closures);
        long last = entries.get(entries.size() - 1).index();
        core.appliedTo(last);
        stats.applied = last;
        return last >= target;
    }

    private Closure takeClosure(LogEntry e) {
        PendingTask p = pending.remove(e.index());
        if (p == null) {
            return null;
        }
        if (p.term() != e.term()) {
            complete(p.done(), Status.error(RaftError.EPERM, "entry " + e.index() + " was overwritten"));
            return null;
        }
        return p.done();
    }

    private void applyData(List<LogEntry> data, List<Closure> closures) {
        if (data.isEmpty()) {
            return;
        }
        try {
            fsm.onApply(new BatchIterator(List.copyOf(data), new ArrayList<>(closures)));
        } catch (RuntimeException e) {
            // braft: a failing state machine stops the node (ERROR, onError) like a storage error.
            fail(Status.error(
                    RaftError.ESTATEMACHINE,
                    "onApply threw at index " + data.get(0).index() + ": " + e));
        }
        data.clear();
        closures.clear();
    }

    private void applyConfiguration(LogEntry e) {
        ConfigurationEntry ce = ConfigurationCodec.decode(e.data());
        if (!ce.isJoint()) {
            fsm.onConfigurationCommitted(ce.conf());
        }
        // braft: leadership is established when the term's first (configuration) entry commits.
        if (e.index() == leaderConfIndex
                && e.term() == leaderTerm
                && core.role() == RoleKind.LEADER
                && core.term() == e.term()) {
            fsmLeaderTerm = e.term();
            fsm.onLeaderStart(e.term());
        }
    }

    private void runCallback(FsmEvent ev) {
        if (ev instanceof FsmEvent.LeaderStop ls) {
            if (fsmLeaderTerm == ls.term()) {
                fsmLeaderTerm = -1;
                fsm.onLeaderStop(ls.status());
            }
        } else if (ev instanceof FsmEvent.StartFollowing sf) {
            fsm.onStartFollowing(sf.ctx());
        } else if (ev instanceof FsmEvent.StopFollowing sf) {
            fsm.onStopFollowing(sf.ctx());
        } else if (ev instanceof FsmEvent.Error er) {
            fsm.onError(er.status());
        } else if (ev instanceof FsmEvent.Shutdown sd) {
            fsmQueue.clear();
            fsm.onShutdown();
            if (sd.done() != null) {
                sd.done().run(Status.ok());
            }
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public PeerId serverId() {
        return serverId;
    }

    @Override
    public PeerId leaderId() {
        return core == null || !running() ? null : core.leader();
    }

    @Override
    public boolean isLeader() {
        return core != null && running() && core.role() == RoleKind.LEADER;
    }

    @Override
    public List<PeerId> listPeers() {
        return core == null
                ? List.copyOf(options.initialConfiguration().peers())
                : List.copyOf(core.configuration().peers());
    }

    /** Counters for benchmarks and tests. */
    public NodeStats stats() {
        return stats;
    }

    @Override
    public NodeDescription describe() {
        if (core == null) {
            return new NodeDescription(
                    serverId,
                    lifecycle == Lifecycle.SHUTDOWN ? NodeState.SHUTDOWN : NodeState.UNINITIALIZED,
                    0,
                    null,
                    null,
                    0,
                    0,
                    0,
                    0,
                    options.initialConfiguration(),
                    new TreeMap<>());
        }
        NodeState state = lifecycle == Lifecycle.ERROR
                ? NodeState.ERROR
                : lifecycle == Lifecycle.SHUTDOWN
                        ? NodeState.SHUTDOWN
                        : switch (core.role()) {
                            case FOLLOWER -> NodeState.FOLLOWER;
                            case PRE_CANDIDATE -> NodeState.PRE_CANDIDATE;
                            case CANDIDATE -> NodeState.CANDIDATE;
                            case LEADER -> NodeState.LEADER;
                        };
        SortedMap<PeerId, PeerProgress> followers = new TreeMap<>();
        if (core.role() == RoleKind.LEADER) {
            for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
                if (e.getKey().equals(serverId)) {
                    continue;
                }
                Progress p = e.getValue();
                followers.put(
                        e.getKey(),
                        new PeerProgress(
                                p.matchIndex(),
                                p.nextIndex(),
                                p.state().name(),
                                p.inflights().count(),
                                p.recentActive()));
            }
        }
        return new NodeDescription(
                serverId,
                state,
                core.term(),
                core.votedFor(),
                core.leader(),
                core.log().committed(),
                core.log().applied(),
                core.log().lastIndex(),
                core.log().stableLastIndex(),
                core.configuration(),
                followers);
    }
}
