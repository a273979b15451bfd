package io.raftsim.engine.node;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Configuration;
import io.raftsim.engine.LeaderChangeContext;
import io.raftsim.engine.NodeDescription;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.NodeState;
import io.raftsim.engine.NodeStatus;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.PeerProgress;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.ReadIndexClosure;
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
import io.raftsim.engine.message.GetFileRequest;
import io.raftsim.engine.message.GetFileResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.storage.snapshot.SnapshotChunk;
import io.raftsim.engine.storage.snapshot.SnapshotCopier;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;
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
    /**
     * Why the node entered ERROR; null until then. Sticky even through a later shutdown: a failed
     * node never touches its storage again (braft: the fsync may have lied, so nothing is retried).
     */
    private Status failure;
    /** True while effects are being handled: storage completions arriving then are deferred. */
    private boolean processing;

    /**
     * The core's clock, braft-style rather than a fixed tick event: ticks are counted from the
     * node's local time ({@link #catchUpTicks}, before every input) and the timer is set only for
     * the first tick that can act ({@link RaftCore#ticksUntilDue()}: the next heartbeat on a
     * leader, the election timeout on a follower). A tick event every tick interval was over a
     * third of a fuzz campaign's events, nearly all of them only counting.
     */
    private Cancellable tickTimer;
    /** Node-local time of the last tick counted: ticks fall every {@link #tickNanos} after it. */
    private long lastTickLocalNs;
    /** Node-local deadline of {@link #tickTimer}; {@link Long#MAX_VALUE} when none is pending. */
    private long tickDeadlineLocalNs = Long.MAX_VALUE;
    /**
     * The tick timer's task and the apply turn's task, built once (the apply turn's behind the
     * storage-failure boundary; {@link #onTickTimer} enters it itself): building the two lambdas of
     * {@link #runAfter}/{@link #runLater} per timer and per apply turn showed in the profile.
     */
    private final Runnable tickTask = this::onTickTimer;

    private final Runnable applyTask = guardedTask(this::drainApply);

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

    // Snapshots (Raft paper §7, braft's SnapshotExecutor).
    private Closure pendingConfChange;

    private SnapshotStorage snapshots;
    private boolean savingSnapshot;
    private InstallState install;
    /** The configuration entry in force at the applied index, saved with each snapshot. */
    private byte[] appliedConfData;

    private Cancellable snapshotTimer;

    // Linearizable reads: waiting for confirmation, then for the state machine to catch up.
    private long nextReadId;
    private final TreeMap<Long, PendingReadCall> readsInFlight = new TreeMap<>();
    private final TreeMap<Long, List<PendingReadCall>> readsAwaitingApply = new TreeMap<>();

    // Answers to the queries a harness asks after every event and on every client reply, kept
    // while unchanged: building them anew each time showed as ~5% of a fuzz campaign's allocation.
    private NodeStatus lastStatus;
    /** The (immutable) configuration {@link #peers} was copied from. */
    private Configuration peersOf;

    private List<PeerId> peers;

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
        snapshots = env.snapshotStorage();
        SnapshotMeta snapshot = snapshots == null ? null : snapshots.latest().orElse(null);
        appliedConfData = ConfigurationCodec.encode(new ConfigurationEntry(options.initialConfiguration(), null));
        boolean resetLog = false;
        if (snapshot != null) {
            // Restart: load the latest complete snapshot, then replay the log after it.
            fsm.onSnapshotLoad(snapshots.openLatest().orElseThrow());
            appliedConfData = snapshot.configuration();
            resetLog = !logContinues(snapshot);
        }
        if (resetLog) {
            // A crash between sealing an installed snapshot and resetting the log: the old log does
            // not continue the snapshot, so it goes (Raft paper §7: discard the entire log).
            long next = snapshot.lastIncludedIndex() + 1;
            long seq = ++logIssued;
            env.logStorage().reset(next, err -> onLogDone(seq, -1, -1, err));
        }
        core = new RaftCore(
                groupId,
                serverId,
                CoreConfig.from(options),
                env.random(),
                meta,
                new LogStorageView(env.logStorage()),
                options.initialConfiguration(),
                snapshot);
        applyQueuedTo = core.log().applied();
        stats.applied = core.log().applied();
        if (failure != null) {
            core.halt(failure.code() + ": " + failure.message()); // the reset above failed at once.
            return;
        }
        lifecycle = Lifecycle.RUNNING;
        lastTickLocalNs = env.clock().nowNanos();
        armTick();
        scheduleSnapshotTimer();
        guarded(this::process);
    }

    private boolean logContinues(SnapshotMeta snapshot) {
        long idx = snapshot.lastIncludedIndex();
        var log = env.logStorage();
        if (log.firstIndex() > idx + 1 || log.lastIndex() < idx) {
            return false;
        }
        return log.firstIndex() == idx + 1 || log.termAt(idx) == snapshot.lastIncludedTerm();
    }

    private void scheduleSnapshotTimer() {
        if (snapshots == null || options.snapshotIntervalMs() <= 0) {
            return;
        }
        snapshotTimer = runAfter(options.snapshotIntervalMs() * 1_000_000L, () -> {
            if (running()) {
                // A leader copying its snapshot to a follower keeps it: a newer one would restart the copy.
                if (!core.sendingSnapshot()) {
                    enqueueFsm(new FsmEvent.SaveSnapshot(null));
                }
                scheduleSnapshotTimer();
            }
        });
    }

    @Override
    public void snapshot(Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        enqueueFsm(new FsmEvent.SaveSnapshot(done));
    }

    /** Runs in the apply queue's order: the state machine is exactly at the applied index. */
    private void saveSnapshot(Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        if (snapshots == null) {
            complete(done, Status.error(RaftError.EINVAL, "node " + serverId + " has no snapshot storage"));
            return;
        }
        if (savingSnapshot || install != null) {
            complete(done, Status.error(RaftError.EBUSY, "a snapshot is already being saved or installed"));
            return;
        }
        long index = core.log().applied();
        long lastSnapshot = core.log().snapshotIndex();
        if (index == 0 || index <= lastSnapshot) {
            complete(done, Status.ok()); // nothing new to save.
            return;
        }
        long term = core.log().termAt(index);
        byte[] conf = appliedConfData;
        SnapshotWriter writer;
        try {
            writer = snapshots.create();
        } catch (StorageException ex) {
            fail(ex);
            complete(done, Status.error(RaftError.EIO, ex.getMessage()));
            return;
        }
        savingSnapshot = true;
        stats.snapshotsSaved++;
        fsm.onSnapshotSave(
                writer,
                st -> runLater(() -> {
                    if (!st.isOk() || lifecycle == Lifecycle.SHUTDOWN || lifecycle == Lifecycle.ERROR) {
                        savingSnapshot = false;
                        if (failure == null) {
                            // A failed node leaves the temp directory alone: opening the storage removes it.
                            try {
                                writer.abandon();
                            } catch (StorageException ex) {
                                fail(ex);
                            }
                        }
                        complete(done, st.isOk() ? Status.error(RaftError.ESHUTDOWN, "node stopped while saving") : st);
                        return;
                    }
                    try {
                        writer.commit(
                                index,
                                term,
                                conf,
                                err -> guarded(() -> {
                                    savingSnapshot = false;
                                    if (err != null) {
                                        fail(err);
                                        complete(done, Status.error(RaftError.EIO, err.getMessage()));
                                        return;
                                    }
                                    // The snapshot is durable whatever compacting the log after it runs into.
                                    complete(done, Status.ok());
                                    if (running()) {
                                        core.onSnapshotSaved(
                                                snapshots.latest().orElseThrow(), options.snapshotMarginEntries());
                                        process();
                                    }
                                }));
                    } catch (StorageException ex) {
                        savingSnapshot = false;
                        fail(ex);
                        complete(done, Status.error(RaftError.EIO, ex.getMessage()));
                    }
                }));
    }

    private void maybeAutoSnapshot() {
        long every = options.snapshotLogEntries();
        if (snapshots != null
                && every > 0
                && !savingSnapshot
                && install == null
                && !core.sendingSnapshot()
                && core.log().applied() - core.log().snapshotIndex() >= every) {
            enqueueFsm(new FsmEvent.SaveSnapshot(null));
        }
    }

    // ---------------------------------------------------------------- InstallSnapshot, follower side

    private void beginInstall(Effect.InstallSnapshot is) {
        if (snapshots == null || savingSnapshot) {
            core.abandonInstall(); // the leader asks again in an election timeout.
            return;
        }
        if (install != null) {
            if (install.index() == is.meta().lastIncludedIndex() && install.leader.equals(is.leader())) {
                return;
            }
            if (install.finishing) {
                // The previous copy is being sealed (fsyncs and the rename in flight): it cannot be
                // abandoned half-way and the storage builds one snapshot at a time, so it finishes
                // and loads first. The core keeps refusing appends until then (its installing
                // index stays set), and the leader sends the newer snapshot again.
                return;
            }
            abandonInstall("superseded by snapshot " + is.meta().lastIncludedIndex());
        }
        SnapshotCopier copier;
        try {
            if (snapshots.isStale(is.meta().lastIncludedIndex())) {
                core.abandonInstall();
                return;
            }
            copier = snapshots.beginCopy(is.meta());
        } catch (StorageException ex) {
            fail(ex);
            return;
        }
        install = new InstallState(is.leader(), is.term(), copier);
        stats.snapshotsInstalling++;
        requestChunk();
    }

    /** Asks the leader for the next chunk, and again if no answer comes within half an election timeout. */
    private void requestChunk() {
        InstallState in = install;
        in.cancelRetry();
        String file = in.copier.nextFile();
        if (file == null) {
            finishInstall(in);
            return;
        }
        long offset = in.copier.nextOffset(file);
        sendNow(new GetFileRequest(
                groupId, serverId, in.leader, in.term, in.index(), file, offset, options.snapshotChunkBytes()));
        in.retry = runAfter(options.electionTimeoutMs() * 1_000_000L / 2, () -> {
            if (install == in && !in.finishing && running()) {
                stats.snapshotChunkRetries++;
                requestChunk();
            }
        });
    }

    private void onFileResponse(GetFileResponse r) {
        InstallState in = install;
        if (in == null
                || in.finishing
                || r.snapshotIndex() != in.index()
                || !r.from().equals(in.leader)) {
            return;
        }
        if (r.chunk() == null) {
            abandonInstall("leader no longer holds snapshot " + r.snapshotIndex());
            return;
        }
        try {
            in.copier.writeChunk(r.chunk());
        } catch (IllegalArgumentException outOfOrder) {
            return; // an old retransmission; the retry timer asks for what we need.
        } catch (StorageException ex) {
            fail(ex);
            return;
        }
        in.cancelRetry();
        long throttle = options.snapshotThrottleBytesPerSec();
        long delayNanos = throttle <= 0 ? 0 : r.chunk().data().length * 1_000_000_000L / throttle;
        if (delayNanos == 0) {
            requestChunk();
        } else {
            in.retry = runAfter(delayNanos, () -> {
                if (install == in && running()) {
                    requestChunk();
                }
            });
        }
    }

    private void finishInstall(InstallState in) {
        in.finishing = true;
        in.copier.finish(err -> guarded(() -> {
            if (install != in) {
                return;
            }
            if (err != null) {
                if (err.kind() == StorageException.Kind.CORRUPT) {
                    install = null;
                    core.abandonInstall(); // a bad copy: start over when the leader asks again.
                    return;
                }
                fail(err);
                return;
            }
            enqueueFsm(new FsmEvent.LoadSnapshot(in.copier.meta(), in.leader, in.term));
        }));
    }

    /** In apply order: the entries queued before were applied; now the snapshot replaces the state. */
    private void loadInstalledSnapshot(FsmEvent.LoadSnapshot ls) {
        install = null;
        if (!running()) {
            return;
        }
        SnapshotMeta meta = ls.meta();
        if (meta.lastIncludedIndex() <= core.log().committed()) {
            // Overtaken by the commit index: no need to load it, but it is now the latest snapshot on
            // disk (a valid restart point), so the core must serve and compact by it from now on.
            core.abandonInstall();
            if (meta.lastIncludedIndex() <= core.log().applied()) {
                core.onSnapshotSaved(meta, options.snapshotMarginEntries());
            } else {
                core.noteSnapshot(meta);
            }
            process();
            return;
        }
        try {
            fsm.onSnapshotLoad(snapshots.openLatest().orElseThrow());
        } catch (StorageException ex) {
            fail(ex);
            return;
        }
        appliedConfData = meta.configuration();
        core.onSnapshotInstalled(meta, ls.leader(), ls.term());
        applyQueuedTo = Math.max(applyQueuedTo, core.log().applied());
        stats.applied = core.log().applied();
        stats.snapshotsInstalled++;
        ConfigurationEntry ce = ConfigurationCodec.decode(meta.configuration());
        if (!ce.isJoint()) {
            fsm.onConfigurationCommitted(ce.conf());
        }
        releaseReads(core.log().applied());
        process();
    }

    private void abandonInstall(String why) {
        if (install == null) {
            return;
        }
        install.cancelRetry();
        if (!install.finishing) {
            try {
                install.copier.abandon();
            } catch (StorageException ex) {
                install = null;
                fail(ex);
                return;
            }
        }
        install = null;
        stats.snapshotsAbandoned++;
        if (core != null) {
            core.abandonInstall();
        }
    }

    // ---------------------------------------------------------------- InstallSnapshot, leader side

    /** Serves a chunk of our latest snapshot (braft's FileService); a follower drives the copy. */
    private void serveFile(GetFileRequest r) {
        SnapshotChunk chunk = null;
        try {
            var reader = snapshots == null ? null : snapshots.openLatest().orElse(null);
            if (reader != null && reader.meta().lastIncludedIndex() == r.snapshotIndex()) {
                int max = Math.min(r.maxBytes(), options.snapshotChunkBytes());
                chunk = reader.readChunk(r.file(), r.offset(), Math.max(1, max));
            }
        } catch (StorageException ex) {
            fail(ex);
            return;
        }
        sendNow(new GetFileResponse(groupId, serverId, r.from(), core.term(), r.snapshotIndex(), chunk));
    }

    /** A message that depends on no log write: it waits only for earlier meta writes (our term). */
    private void sendNow(RaftMessage m) {
        outbox.add(new PendingSend(m, metaIssued, 0));
        flushOutbox();
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
        failAllReads(Status.error(RaftError.ESHUTDOWN, "node shut down before the read was served"));
        if (snapshotTimer != null) {
            snapshotTimer.cancel();
        }
        abandonInstall("node shut down");
        outbox.clear();
        if (wasStarted) {
            // A leader hands over (TimeoutNow to its most up-to-date follower) instead of leaving
            // the group to wait an election timeout; then LeaderStop, then onShutdown.
            core.halt("node shut down");
            process();
            enqueueFsm(new FsmEvent.Shutdown(done));
        } else if (done != null) {
            env.clock().execute(() -> done.run(Status.ok()));
        }
    }

    private boolean running() {
        return lifecycle == Lifecycle.RUNNING;
    }

    /**
     * Counts the ticks that fell since the last one counted, in node-local time: called before
     * every input, so the core's counters (election elapsed, a leader's lease ticks) are what a
     * tick event every interval would have made them. A clock that stepped back counts none until
     * it passes the last tick again. A node that stalled past its due tick (paused, or its clock
     * jumped ahead) gets every interval it missed, and the core fires each overdue deadline once
     * ({@link RaftCore#tick(long)}), as braft's timers do when they are late.
     */
    private void catchUpTicks() {
        if (!running()) {
            return;
        }
        long elapsedNs = env.clock().nowNanos() - lastTickLocalNs;
        if (elapsedNs < tickNanos) {
            return;
        }
        long ticks = elapsedNs / tickNanos;
        lastTickLocalNs += ticks * tickNanos;
        core.tick(ticks);
        // A due tick's effects go out before the input, as they would have from a tick event.
        process();
    }

    /**
     * Sets the tick timer for the first tick that can act, unless the pending one fires no later:
     * called after every input (the core may have become leader, or started a transfer). A timer
     * that fires early only counts and sets the next one.
     */
    private void armTick() {
        if (!running()) {
            return;
        }
        int dueTicks = core.ticksUntilDue();
        if (dueTicks == Integer.MAX_VALUE) {
            return; // nothing due until an input changes that (a halted core, a learner)
        }
        long deadlineNs = lastTickLocalNs + dueTicks * tickNanos;
        if (deadlineNs >= tickDeadlineLocalNs) {
            return;
        }
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        tickDeadlineLocalNs = deadlineNs;
        tickTimer = env.clock().schedule(Math.max(0, deadlineNs - env.clock().nowNanos()), tickTask);
    }

    /**
     * The tick timer fired: forgotten first, so that the catch-up's own processing (behind the
     * boundary: {@link #guarded(Runnable)} counts the ticks and handles what the due one did) arms
     * the next one.
     */
    private void onTickTimer() {
        tickDeadlineLocalNs = Long.MAX_VALUE;
        tickTimer = null;
        guarded(this::armTick);
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public void receive(RaftMessage message) {
        // guarded(...) spelled out: a lambda capturing the message per delivery showed in the profile.
        try {
            catchUpTicks();
            onMessage(message);
        } catch (StorageException ex) {
            fail(ex);
        }
    }

    private void onMessage(RaftMessage message) {
        if (!running()) {
            return;
        }
        stats.messagesReceived++;
        // Snapshot file transfer is I/O between nodes, not protocol: the node serves it itself.
        if (message instanceof GetFileRequest r) {
            serveFile(r);
            return;
        }
        if (message instanceof GetFileResponse r) {
            onFileResponse(r);
            process();
            return;
        }
        core.step(message);
        process();
    }

    @Override
    public void apply(Task task) {
        guarded(() -> propose(task));
    }

    private void propose(Task task) {
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
            runLater(() -> {
                flushScheduled = false;
                flushBatch();
            });
        }
    }

    @Override
    public void readIndex(byte[] context, ReadIndexClosure done) {
        java.util.Objects.requireNonNull(done, "done");
        guarded(() -> read(context, done));
    }

    private void read(byte[] context, ReadIndexClosure done) {
        if (lifecycle == Lifecycle.NEW || lifecycle == Lifecycle.SHUTDOWN) {
            completeRead(done, context, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle), 0);
            return;
        }
        if (lifecycle == Lifecycle.ERROR) {
            completeRead(done, context, Status.error(RaftError.EIO, "node " + serverId + " is in ERROR state"), 0);
            return;
        }
        long id = ++nextReadId;
        boolean forwarded = core.role() != RoleKind.LEADER;
        Cancellable timer = runAfter(2 * options.electionTimeoutMs() * 1_000_000L, () -> {
            PendingReadCall call = readsInFlight.remove(id);
            if (call != null) {
                completeRead(
                        call.done(),
                        call.context(),
                        Status.error(RaftError.ETIMEDOUT, "read " + id + " not confirmed within two election timeouts"),
                        0);
            }
        });
        readsInFlight.put(id, new PendingReadCall(context, done, timer, forwarded));
        core.readIndex(id);
        process();
    }

    private void onReadReady(long id, long readIndex) {
        PendingReadCall call = readsInFlight.remove(id);
        if (call == null) {
            return; // timed out or failed already.
        }
        call.timer().cancel();
        if (core.log().applied() >= readIndex) {
            completeRead(call.done(), call.context(), Status.ok(), readIndex);
        } else {
            readsAwaitingApply
                    .computeIfAbsent(readIndex, k -> new ArrayList<>())
                    .add(call);
        }
    }

    private void onReadFailed(long id, Status status) {
        PendingReadCall call = readsInFlight.remove(id);
        if (call != null) {
            call.timer().cancel();
            completeRead(call.done(), call.context(), status, 0);
        }
    }

    /** A new leader: a forwarded read's answer can no longer come from the leader we asked. */
    private void failForwardedReads(String why) {
        for (var it = readsInFlight.entrySet().iterator(); it.hasNext(); ) {
            PendingReadCall call = it.next().getValue();
            if (call.forwarded()) {
                it.remove();
                call.timer().cancel();
                completeRead(call.done(), call.context(), Status.error(RaftError.EAGAIN, why), 0);
            }
        }
    }

    /** Runs the reads whose index the state machine has now applied (on the apply turn itself). */
    private void releaseReads(long applied) {
        while (!readsAwaitingApply.isEmpty() && readsAwaitingApply.firstKey() <= applied) {
            Map.Entry<Long, List<PendingReadCall>> e = readsAwaitingApply.pollFirstEntry();
            for (PendingReadCall call : e.getValue()) {
                call.done().run(Status.ok(), e.getKey(), call.context());
            }
        }
    }

    private void failAllReads(Status status) {
        for (PendingReadCall call : readsInFlight.values()) {
            call.timer().cancel();
            completeRead(call.done(), call.context(), status, 0);
        }
        readsInFlight.clear();
        for (List<PendingReadCall> calls : readsAwaitingApply.values()) {
            for (PendingReadCall call : calls) {
                completeRead(call.done(), call.context(), status, 0);
            }
        }
        readsAwaitingApply.clear();
    }

    private void completeRead(ReadIndexClosure done, byte[] context, Status status, long index) {
        env.clock().execute(() -> done.run(status, index, context));
    }

    // ---------------------------------------------------------------- membership and transfer

    @Override
    public void changePeers(Configuration newPeers, Closure done) {
        guarded(() -> doChangePeers(newPeers, done));
    }

    private void doChangePeers(Configuration newPeers, Closure done) {
        java.util.Objects.requireNonNull(newPeers, "newPeers");
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        java.util.TreeSet<PeerId> learners =
                new java.util.TreeSet<>(core.configuration().learners());
        learners.removeAll(newPeers.peers());
        proposeChange(new Configuration(newPeers.peers(), learners), done);
    }

    @Override
    public void addPeer(PeerId peer, Closure done) {
        guarded(() -> doAddPeer(peer, done));
    }

    private void doAddPeer(PeerId peer, Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        java.util.TreeSet<PeerId> peers =
                new java.util.TreeSet<>(core.configuration().peers());
        if (!peers.add(peer) && confChangeSettled()) {
            complete(done, Status.ok()); // already a voter (braft answers OK too).
            return;
        }
        // While a change is under way, even a no-op request goes to proposeChange to be refused (EBUSY).
        doChangePeers(new Configuration(peers, new java.util.TreeSet<>()), done);
    }

    /**
     * braft checks "a change is busy" before "the target is the current configuration": the
     * configuration a node uses is the latest in its log (dissertation §4.1), possibly an uncommitted
     * C_old,new that a new leader will truncate. Answering "already a voter" from it would report a
     * change done that may never commit, so a shortcut OK needs a committed, non-joint configuration
     * on the leader with no change of ours pending.
     */
    private boolean confChangeSettled() {
        return pendingConfChange == null
                && core.role() == RoleKind.LEADER
                && !core.configurationEntry().isJoint()
                && core.configurationIndex() <= core.log().committed();
    }

    @Override
    public void removePeer(PeerId peer, Closure done) {
        guarded(() -> doRemovePeer(peer, done));
    }

    private void doRemovePeer(PeerId peer, Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        java.util.TreeSet<PeerId> peers =
                new java.util.TreeSet<>(core.configuration().peers());
        if (!peers.remove(peer) && confChangeSettled()) {
            complete(done, Status.ok()); // not a voter already.
            return;
        }
        doChangePeers(new Configuration(peers, new java.util.TreeSet<>()), done);
    }

    @Override
    public void addLearners(java.util.Collection<PeerId> add, Closure done) {
        guarded(() -> doAddLearners(add, done));
    }

    private void doAddLearners(java.util.Collection<PeerId> add, Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        for (PeerId p : add) {
            if (core.configuration().peers().contains(p)) {
                complete(done, Status.error(RaftError.EINVAL, p + " is a voter; remove it first"));
                return;
            }
        }
        java.util.TreeSet<PeerId> learners =
                new java.util.TreeSet<>(core.configuration().learners());
        learners.addAll(add);
        proposeChange(new Configuration(core.configuration().peers(), learners), done);
    }

    @Override
    public void removeLearners(java.util.Collection<PeerId> remove, Closure done) {
        guarded(() -> doRemoveLearners(remove, done));
    }

    private void doRemoveLearners(java.util.Collection<PeerId> remove, Closure done) {
        if (!running()) {
            complete(done, Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle));
            return;
        }
        java.util.TreeSet<PeerId> learners =
                new java.util.TreeSet<>(core.configuration().learners());
        learners.removeAll(remove);
        proposeChange(new Configuration(core.configuration().peers(), learners), done);
    }

    private void proposeChange(Configuration target, Closure done) {
        if (pendingConfChange != null) {
            complete(done, Status.error(RaftError.EBUSY, "a configuration change is in progress"));
            return;
        }
        int timeoutTicks = (int) Math.max(1, options.catchupTimeoutMs() / options.tickIntervalMs());
        // Registered before the core runs, so that a storage failure half-way still completes it.
        pendingConfChange = done == null ? s -> {} : done;
        Status st = core.changeConfiguration(target, options.catchupMarginEntries(), timeoutTicks);
        if (!st.isOk()) {
            pendingConfChange = null;
            complete(done, st);
            return;
        }
        process();
    }

    @Override
    public Status resetPeers(Configuration conf) {
        if (conf == null || conf.peers().isEmpty()) {
            return Status.error(RaftError.EINVAL, "resetPeers needs at least one voter, got " + conf);
        }
        if (!running()) {
            return Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle);
        }
        return guarded(() -> {
            core.resetConfiguration(conf);
            process();
            return Status.ok();
        });
    }

    @Override
    public Status transferLeadershipTo(PeerId peer) {
        if (!running()) {
            return Status.error(RaftError.ESHUTDOWN, "node " + serverId + " is " + lifecycle);
        }
        return guarded(() -> {
            Status st = core.transferLeadership(peer);
            process();
            return st;
        });
    }

    @Override
    public List<PeerId> listLearners() {
        return core == null
                ? List.copyOf(options.initialConfiguration().learners())
                : List.copyOf(core.configuration().learners());
    }

    private void finishConfChange(Status st) {
        Closure done = pendingConfChange;
        pendingConfChange = null;
        if (done != null) {
            complete(done, st);
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
        if (core.transferee() != null) {
            return Status.error(RaftError.EBUSY, "transferring leadership to " + core.transferee());
        }
        long unapplied = core.log().lastIndex() - core.log().applied();
        if (unapplied + batch.size() >= options.maxPendingTasks()) {
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
            armTick();
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
        } else if (e instanceof Effect.CompactLog cl) {
            long seq = ++logIssued;
            try {
                env.logStorage().truncatePrefix(cl.firstIndexKept(), err -> onLogDone(seq, -1, -1, err));
            } catch (StorageException ex) {
                fail(ex);
            }
        } else if (e instanceof Effect.ResetLog rl) {
            long seq = ++logIssued;
            try {
                env.logStorage().reset(rl.nextIndex(), err -> onLogDone(seq, -1, -1, err));
            } catch (StorageException ex) {
                fail(ex);
            }
        } else if (e instanceof Effect.InstallSnapshot is) {
            beginInstall(is);
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
                && !(e instanceof Effect.TruncateLog)
                && !(e instanceof Effect.CompactLog)
                && !(e instanceof Effect.ResetLog)
                && !(e instanceof Effect.InstallSnapshot)) {
            handleRoleEffect(e);
        }
    }

    private void handleRoleEffect(Effect e) {
        if (e instanceof Effect.ConfigurationChanged cc) {
            finishConfChange(Status.ok());
        } else if (e instanceof Effect.ConfigurationChangeFailed cf) {
            finishConfChange(Status.error(cf.code(), cf.reason()));
        } else if (e instanceof Effect.ReadReady rr) {
            onReadReady(rr.requestId(), rr.readIndex());
        } else if (e instanceof Effect.ReadFailed rf) {
            onReadFailed(rf.requestId(), Status.error(rf.code(), rf.reason()));
        } else if (e instanceof Effect.LeaderChanged lc) {
            failForwardedReads("leader changed from " + lc.previous() + " to " + lc.leader() + " in term " + lc.term());
            if (install != null && !install.finishing && !install.leader.equals(lc.leader())) {
                abandonInstall("leader changed to " + lc.leader());
            }
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
            finishConfChange(Status.error(
                    RaftError.EPERM, "leader stepped down (" + sd.reason() + "); the change may still complete"));
            failBatch(RaftError.ENOTLEADER, "leader stepped down before proposing: " + sd.reason());
            enqueueFsm(new FsmEvent.LeaderStop(sd.term(), Status.error(RaftError.EPERM, sd.reason())));
        }
    }

    private void onMetaDone(long seq, RaftMeta meta, StorageException err) {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        if (err != null) {
            // At once, even in the middle of handling effects: from this moment on nothing may
            // touch the storage again (a deferred failure would leave a window for more calls).
            fail(err);
            return;
        }
        if (processing) {
            // A storage that completes synchronously, inside save(): finish handling the current
            // effects first, so that effects keep their order.
            runLater(() -> onMetaDone(seq, meta, null));
            return;
        }
        guarded(() -> {
            metaDone = Math.max(metaDone, seq);
            core.onMetaPersisted(meta);
            process();
        });
    }

    private void onLogDone(long seq, long index, long term, StorageException err) {
        if (lifecycle == Lifecycle.ERROR || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        if (err != null) {
            fail(err); // at once, as in onMetaDone.
            return;
        }
        if (processing) {
            runLater(() -> onLogDone(seq, index, term, null));
            return;
        }
        guarded(() -> {
            logDone = Math.max(logDone, seq);
            if (index > 0) {
                core.onLogPersisted(index, term);
            }
            process();
        });
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

    // ---------------------------------------------------------------- the storage-failure boundary

    /**
     * Runs one input of the node: a message, a timer, an API call, a storage completion, a turn of
     * the apply queue. This is where a {@link StorageException} that storage throws synchronously
     * (a segmented log that refuses every call after ENOSPC, a read error under
     * {@code termAt}/{@code entries}, deep inside the core) is caught and handled exactly like one
     * reported through a callback: braft's rule, any storage failure puts the node in ERROR for
     * good. The input is abandoned where it was; {@link #fail} does not trust what it left behind
     * and completes every closure itself. Nothing escapes into the runtime.
     */
    private void guarded(Runnable input) {
        try {
            catchUpTicks();
            input.run();
        } catch (StorageException ex) {
            fail(ex);
        }
    }

    /** As {@link #guarded(Runnable)}, and {@code done} (not yet handed over) learns of the failure. */
    private void guarded(Runnable input, Closure done) {
        try {
            catchUpTicks();
            input.run();
        } catch (StorageException ex) {
            fail(ex);
            complete(done, Status.error(RaftError.EIO, ex.getMessage()));
        }
    }

    /** An API call that answers with a status: a storage failure answers with it. */
    private Status guarded(java.util.function.Supplier<Status> input) {
        try {
            catchUpTicks();
            return input.get();
        } catch (StorageException ex) {
            fail(ex);
            return Status.error(RaftError.EIO, ex.getMessage());
        }
    }

    /** Node work for a later event-loop turn, behind the boundary (user closures go through {@link #complete}). */
    private void runLater(Runnable input) {
        env.clock().execute(guardedTask(input));
    }

    private Cancellable runAfter(long delayNanos, Runnable input) {
        return env.clock().schedule(delayNanos, guardedTask(input));
    }

    /** {@code input} behind the boundary, as a task for the clock. */
    private Runnable guardedTask(Runnable input) {
        return () -> guarded(input);
    }

    /** Any storage failure: sticky ERROR, onError, hand-over; never retry (the fsync may have lied). */
    private void fail(StorageException ex) {
        fail(Status.error(RaftError.EIO, ex.getMessage()));
    }

    private void fail(Status status) {
        if (failure != null || lifecycle == Lifecycle.SHUTDOWN) {
            return;
        }
        failure = status;
        lifecycle = Lifecycle.ERROR;
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        outbox.clear();
        if (snapshotTimer != null) {
            snapshotTimer.cancel();
        }
        if (install != null) {
            install.cancelRetry();
            install = null;
        }
        String why = status.code() + ": " + status.message();
        if (core != null) {
            // Halting reads only the core's memory (role, follower progress), never the log: a
            // leader still hands over with TimeoutNow, whatever input the failure interrupted.
            core.halt(why);
            process();
        }
        // What the halt did not complete already (a leader's step-down does): an input abandoned
        // half-way may have dropped the effects that would have. Same codes as a step-down.
        failPending(RaftError.EPERM, "node failed (" + why + "); the entry may still commit");
        finishConfChange(Status.error(RaftError.EPERM, "node failed (" + why + "); the change may still complete"));
        failBatch(RaftError.ENOTLEADER, "node failed before proposing: " + why);
        failAllReads(status);
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
            env.clock().execute(applyTask);
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
            if (failure != null) {
                // Never read the log of a failed node, not even after a shutdown that followed.
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
        releaseReads(last);
        maybeAutoSnapshot();
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
        appliedConfData = e.data();
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
        if (ev instanceof FsmEvent.SaveSnapshot ss) {
            guarded(() -> saveSnapshot(ss.done()), ss.done());
        } else if (ev instanceof FsmEvent.LoadSnapshot ls) {
            loadInstalledSnapshot(ls);
        } else if (ev instanceof FsmEvent.LeaderStop ls) {
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
        Configuration conf = core == null ? options.initialConfiguration() : core.configuration();
        if (conf != peersOf) {
            peersOf = conf;
            peers = List.copyOf(conf.peers());
        }
        return peers;
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
        NodeState state = startedState();
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

    @Override
    public NodeStatus status() {
        if (core == null) {
            return new NodeStatus(
                    lifecycle == Lifecycle.SHUTDOWN ? NodeState.SHUTDOWN : NodeState.UNINITIALIZED, 0, 0, 0);
        }
        NodeState state = startedState();
        long term = core.term();
        long committed = core.log().committed();
        long applied = core.log().applied();
        NodeStatus last = lastStatus;
        if (last == null
                || last.state() != state
                || last.term() != term
                || last.commitIndex() != committed
                || last.appliedIndex() != applied) {
            last = new NodeStatus(state, term, committed, applied);
            lastStatus = last;
        }
        return last;
    }

    /** The node's state once the core exists (as {@link #describe()} reports it). */
    private NodeState startedState() {
        return lifecycle == Lifecycle.ERROR
                ? NodeState.ERROR
                : lifecycle == Lifecycle.SHUTDOWN
                        ? NodeState.SHUTDOWN
                        : switch (core.role()) {
                            case FOLLOWER -> NodeState.FOLLOWER;
                            case PRE_CANDIDATE -> NodeState.PRE_CANDIDATE;
                            case CANDIDATE -> NodeState.CANDIDATE;
                            case LEADER -> NodeState.LEADER;
                        };
    }
}
