package io.raftsim.engine.core;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.Status;
import io.raftsim.engine.core.conf.ConfigurationEntry;
import io.raftsim.engine.core.read.PendingRead;
import io.raftsim.engine.core.read.ReadRounds;
import io.raftsim.engine.core.tracker.Progress;
import io.raftsim.engine.core.tracker.ProgressState;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.InstallSnapshotResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.ReadIndexRequest;
import io.raftsim.engine.message.ReadIndexResponse;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Raft paper §5.3 leader: replicates with per-follower flow control (probe/replicate, a bounded
 * in-flight window), sends heartbeats, commits by counting only entries of its own term (§5.4.2,
 * Figure 8) and, with CheckQuorum, steps down when it has not heard from a majority for an
 * election timeout (dissertation §6.2).
 */
final class Leader extends Role {
    private int heartbeatElapsed;
    private int checkQuorumElapsed;
    /** Ticks since this node became leader: its node-local clock for the lease. */
    private long ticks;

    private final ReadRounds reads = new ReadRounds();

    /** A membership change started on this leader, until C_new commits or it fails. */
    private MembershipChange change;

    /** Leadership transfer target (dissertation §3.10), or null. */
    private PeerId transferee;

    private int transferElapsed;
    private boolean timeoutNowSent;

    Leader() {
        super(RoleKind.LEADER);
    }

    @Override
    void tick(RaftCore core) {
        ticks++;
        if (transferee != null && ++transferElapsed >= core.config().electionTicks()) {
            // §3.10: the target did not take over within an election timeout: resume accepting work.
            transferee = null;
        }
        if (change != null && !change.proposed() && change.tick()) {
            failChange(
                    core,
                    RaftError.ETIMEDOUT,
                    "new peers " + core.tracker().catchingUp() + " did not catch up within " + change.timeoutTicks()
                            + " ticks");
        }
        heartbeatElapsed++;
        checkQuorumElapsed++;
        if (checkQuorumElapsed >= core.config().electionTicks()) {
            checkQuorumElapsed = 0;
            if (core.config().checkQuorum()) {
                if (!core.tracker().quorumActive(core.self())) {
                    core.stepDown("CheckQuorum: no majority heard from within an election timeout");
                    return;
                }
                for (Map.Entry<PeerId, Progress> e :
                        core.tracker().allProgress().entrySet()) {
                    e.getValue().setRecentActive(e.getKey().equals(core.self()));
                }
            }
            resendSnapshots(core);
        }
        if (heartbeatElapsed >= core.config().heartbeatTicks()) {
            reads.startRound(ticks);
            broadcastHeartbeatRound(core, true);
        }
    }

    /**
     * The lease clock counts a stall whole: a leader that could not run for a while must not
     * believe a lease the followers' election timers have already outlived (a paused leader
     * serving stale lease reads is the classic lease bug). The deadline counters stop one short,
     * so an overdue heartbeat and CheckQuorum each fire once on the next tick.
     */
    @Override
    void fastForward(RaftCore core, long skippedTicks) {
        ticks += skippedTicks;
        int electionTicks = core.config().electionTicks();
        heartbeatElapsed = shortOf(heartbeatElapsed, skippedTicks, core.config().heartbeatTicks());
        checkQuorumElapsed = shortOf(checkQuorumElapsed, skippedTicks, electionTicks);
        if (transferee != null) {
            transferElapsed = shortOf(transferElapsed, skippedTicks, electionTicks);
        }
        if (change != null && !change.proposed()) {
            change.fastForward(skippedTicks);
        }
    }

    /** The earliest of the heartbeat, CheckQuorum, transfer and catch-up deadlines in {@link #tick}. */
    @Override
    int ticksUntilDue(RaftCore core) {
        int electionTicks = core.config().electionTicks();
        int due = Math.min(core.config().heartbeatTicks() - heartbeatElapsed, electionTicks - checkQuorumElapsed);
        if (transferee != null) {
            due = Math.min(due, electionTicks - transferElapsed);
        }
        if (change != null && !change.proposed()) {
            due = Math.min(due, change.ticksUntilTimeout());
        }
        return Math.max(1, due);
    }

    @Override
    void step(RaftCore core, RaftMessage m) {
        if (m instanceof AppendEntriesResponse r) {
            // Looked up once for the whole answer: answering reads does not change the progress table.
            Progress pr = core.tracker().progress(r.from());
            if (pr != null) {
                // Any answer in our term, accept or reject, proves we were leader at its round.
                pr.ackRound(r.readSeq());
                confirmReads(core);
            }
            handleAppendResponse(core, r, pr);
            if (core.role() == RoleKind.LEADER) {
                checkCatchup(core);
                checkTransfer(core, r.from());
            }
        } else if (m instanceof InstallSnapshotResponse r) {
            handleInstallSnapshotResponse(core, r);
        } else if (m instanceof ReadIndexRequest r) {
            readIndex(core, r.requestId(), r.from());
        }
    }

    // ---------------------------------------------------------------- reads (dissertation §6.4)

    /**
     * Registers a read. Refused until an entry of this term committed (§6.4 step 1: before that the
     * commit index may be behind the previous leader's). With a valid lease the read is answered at
     * once; otherwise a new heartbeat round must be acknowledged by a quorum (§6.4 steps 2-3).
     */
    void readIndex(RaftCore core, long requestId, PeerId requester) {
        long committed = core.log().committed();
        if (core.log().termAt(committed) != core.term()) {
            failRead(
                    core,
                    requestId,
                    requester,
                    RaftError.EAGAIN,
                    "leader of term " + core.term() + " has not committed an entry of its term yet (commit index "
                            + committed + ")");
            return;
        }
        PendingRead read = new PendingRead(requestId, requester, committed, reads.round() + 1);
        if (leaseValid(core)) {
            answerRead(core, read);
            return;
        }
        reads.startRound(ticks);
        reads.add(read);
        if (!confirmReads(core)) {
            broadcastHeartbeatRound(core, false);
        }
    }

    /** Confirms what a quorum acknowledged; returns true if some read was answered. */
    private boolean confirmReads(RaftCore core) {
        // Each voter's acknowledged round (the leader itself at the current one; 0 if untracked).
        List<PendingRead> ready = reads.confirm(core.tracker().quorumAckedRound(core.self(), reads.round()));
        if (ready.isEmpty()) {
            return false; // the usual answer: no iterator for the empty list (an allocation per ack)
        }
        for (PendingRead r : ready) {
            answerRead(core, r);
        }
        return true;
    }

    private void answerRead(RaftCore core, PendingRead r) {
        if (r.requester() == null) {
            core.emit(new Effect.ReadReady(r.requestId(), r.readIndex()));
        } else {
            core.send(
                    new ReadIndexResponse(
                            core.groupId(),
                            core.self(),
                            r.requester(),
                            core.term(),
                            r.requestId(),
                            true,
                            r.readIndex()),
                    false);
        }
    }

    private void failRead(RaftCore core, long requestId, PeerId requester, RaftError code, String why) {
        if (requester == null) {
            core.emit(new Effect.ReadFailed(requestId, code, why));
        } else {
            core.send(
                    new ReadIndexResponse(core.groupId(), core.self(), requester, core.term(), requestId, false, 0),
                    false);
        }
    }

    /** Leadership ends: refuse every read still waiting for its round. */
    void failPendingReads(RaftCore core, String why) {
        for (PendingRead r : reads.drain()) {
            failRead(core, r.requestId(), r.requester(), RaftError.EPERM, why);
        }
    }

    /**
     * Dissertation §6.4.1: a quorum acknowledged a round that began less than {@code leaseTicks}
     * of our own ticks ago, so no other leader can have been elected yet (followers refuse votes for
     * an election timeout after hearing from us). Void once a transfer began: TimeoutNow lets the
     * target bypass that stickiness.
     */
    boolean leaseValid(RaftCore core) {
        int leaseTicks = core.config().leaseTicks();
        if (leaseTicks <= 0 || leaseVoid) {
            return false;
        }
        long start = reads.confirmedRoundStartTick();
        return start >= 0 && ticks - start < leaseTicks;
    }

    /** Set when a leadership transfer starts: the lease no longer holds for this term. */
    private boolean leaseVoid;

    void voidLease() {
        leaseVoid = true;
    }

    /**
     * Heartbeats of the current round. They verify only what is known to match, so they never
     * trigger a truncation.
     */
    private void broadcastHeartbeatRound(RaftCore core, boolean periodic) {
        // Only the periodic round restarts the heartbeat clock: a read's extra round must not
        // postpone it, or reads arriving faster than the heartbeat interval would starve the stall
        // detection below and a follower whose pipeline lost its messages would never be probed.
        if (periodic) {
            heartbeatElapsed = 0;
        }
        for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
            if (e.getKey().equals(core.self())) {
                continue;
            }
            sendHeartbeat(core, e.getKey(), e.getValue());
            // Stall detection compares periodic rounds only; a read's extra round comes too soon.
            if (periodic && e.getValue().stalledSinceLastHeartbeat()) {
                e.getValue().becomeProbe();
                sendAppend(core, e.getKey(), e.getValue(), true);
            }
        }
    }

    private void sendHeartbeat(RaftCore core, PeerId to, Progress pr) {
        // A match that was compacted has no term to check any more: verify nothing then (index 0,
        // term 0). The term is looked up once: this runs for every follower on every round.
        long matchTerm = core.log().termAt(pr.matchIndex());
        long match = matchTerm > 0 ? pr.matchIndex() : 0;
        core.send(
                new AppendEntriesRequest(
                        core.groupId(),
                        core.self(),
                        to,
                        core.term(),
                        match,
                        matchTerm,
                        List.of(),
                        core.log().committed(),
                        reads.round()),
                false);
        pr.setSentCommit(Math.min(match, core.log().committed()));
    }

    /**
     * An InstallSnapshot (or its answer) may be lost, or the follower may have restarted: ask again
     * once per election timeout. A follower already copying that snapshot ignores the repeat.
     */
    private void resendSnapshots(RaftCore core) {
        for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
            if (e.getValue().state() == ProgressState.SNAPSHOT && core.latestSnapshot() != null) {
                sendSnapshot(core, e.getKey(), e.getValue());
            }
        }
    }

    private void sendSnapshot(RaftCore core, PeerId to, Progress pr) {
        SnapshotMeta meta = core.latestSnapshot();
        pr.becomeSnapshot(meta.lastIncludedIndex());
        core.send(new InstallSnapshotRequest(core.groupId(), core.self(), to, core.term(), meta), false);
    }

    private void handleInstallSnapshotResponse(RaftCore core, InstallSnapshotResponse r) {
        Progress pr = core.tracker().progress(r.from());
        if (pr == null || pr.state() != ProgressState.SNAPSHOT || r.lastIncludedIndex() != pr.pendingSnapshot()) {
            return; // an answer about an older attempt.
        }
        pr.setRecentActive(true);
        if (r.success()) {
            pr.snapshotDone(r.lastIncludedIndex());
        } else {
            // Refused as stale: the follower has committed at least that much; probe from its end.
            pr.snapshotDone(0);
            pr.probeFrom(Math.min(r.lastLogIndex(), core.log().lastIndex()) + 1);
        }
        sendAppend(core, r.from(), true);
    }

    void broadcastAppend(RaftCore core, boolean sendIfEmpty) {
        for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
            if (!e.getKey().equals(core.self())) {
                sendAppend(core, e.getKey(), e.getValue(), sendIfEmpty);
            }
        }
    }

    /** One AppendEntries to {@code to} from its next index, if flow control allows. */
    boolean sendAppend(RaftCore core, PeerId to, boolean sendIfEmpty) {
        return sendAppend(core, to, core.tracker().progress(to), sendIfEmpty);
    }

    /**
     * As {@link #sendAppend(RaftCore, PeerId, boolean)}, with {@code to}'s progress ({@code null}
     * if it has none) already looked up: the leader sends on every answer, and a lookup compares
     * peers.
     */
    private boolean sendAppend(RaftCore core, PeerId to, Progress pr, boolean sendIfEmpty) {
        if (pr == null || pr.isPaused()) {
            return false;
        }
        long last = core.log().lastIndex();
        long prev = pr.nextIndex() - 1;
        if (pr.nextIndex() < core.log().firstIndex() || (prev > 0 && core.log().termAt(prev) == 0)) {
            // Raft paper §7: what it needs was compacted away.
            if (core.latestSnapshot() == null) {
                throw new IllegalStateException("follower " + to + " needs index " + pr.nextIndex()
                        + " before the first log index " + core.log().firstIndex() + " but there is no snapshot");
            }
            sendSnapshot(core, to, pr);
            return true;
        }
        List<LogEntry> entries = pr.nextIndex() <= last
                ? core.log()
                        .entries(
                                pr.nextIndex(),
                                last,
                                core.config().maxEntriesPerAppend(),
                                core.config().maxBytesPerAppend())
                : List.of();
        if (entries.isEmpty()) {
            if (!sendIfEmpty) {
                return false;
            }
            if (pr.state() == ProgressState.REPLICATE) {
                // Nothing new: only the commit index to tell (if any), without disturbing the pipeline.
                if (Math.min(pr.matchIndex(), core.log().committed()) <= pr.sentCommit()) {
                    return false;
                }
                sendHeartbeat(core, to, pr);
                return true;
            }
        }
        core.send(
                new AppendEntriesRequest(
                        core.groupId(),
                        core.self(),
                        to,
                        core.term(),
                        prev,
                        core.log().termAt(prev),
                        entries,
                        core.log().committed(),
                        reads.round()),
                false);
        pr.sentAppend(prev + entries.size(), entries.size(), reads.round());
        pr.setSentCommit(Math.min(prev + entries.size(), core.log().committed()));
        return true;
    }

    /** {@code pr}: the sender's progress, null if it has none. */
    private void handleAppendResponse(RaftCore core, AppendEntriesResponse r, Progress pr) {
        if (pr == null) {
            return;
        }
        pr.setRecentActive(true);
        if (!r.success()) {
            // Fast backtracking: skip every entry of ours whose term exceeds the follower's hint term.
            long nextProbe = r.hintIndex();
            if (r.hintTerm() > 0) {
                nextProbe = core.log().findConflictByTerm(r.hintIndex(), r.hintTerm())[0];
            }
            if (pr.maybeDecrTo(r.rejectedIndex(), nextProbe + 1, r.readSeq())) {
                sendAppend(core, r.from(), pr, true);
            }
            return;
        }
        boolean wasProbe = pr.state() == ProgressState.PROBE;
        // etcd-raft: in PROBE, an answer confirming exactly our match (e.g. the empty probe after a
        // snapshot) also ends the probe; otherwise, now that stale answers no longer resume probes,
        // the follower would wait a heartbeat round for entries appended meanwhile.
        boolean confirmsMatch = wasProbe && r.matchIndex() == pr.matchIndex();
        if (pr.maybeUpdate(r.matchIndex()) || confirmsMatch) {
            if (wasProbe) {
                pr.becomeReplicate();
            } else if (pr.state() == ProgressState.SNAPSHOT && pr.matchIndex() >= pr.pendingSnapshot()) {
                pr.becomeProbe(); // caught up by appends after all (etcd).
            }
            if (maybeCommit(core)) {
                broadcastAppend(core, true);
            } else if (core.role() == RoleKind.LEADER) {
                // No commit, so no configuration change: pr is still the sender's progress.
                boolean sent = false;
                while (sendAppend(core, r.from(), pr, false)) {
                    sent = true; // Fill the in-flight window.
                }
                if (!sent
                        && pr.sentCommit()
                                < Math.min(pr.matchIndex(), core.log().committed())) {
                    // The follower has not heard of the commit index it can now use.
                    sendAppend(core, r.from(), pr, true);
                }
            }
            return;
        }
        // An answer that acknowledged nothing new (a heartbeat's, a duplicate, or one overtaken by a
        // later answer). A probing follower may have lost our probe: send it again, but only if this
        // answers a heartbeat round newer than the probe (Progress.resumeProbe), so duplicated or
        // reordered answers cannot each trigger a full resend. A replicating follower is left to the
        // heartbeat round's stall detection; a snapshotting one waits for the InstallSnapshot answer.
        if (pr.resumeProbe(r.readSeq()) && pr.matchIndex() < core.log().lastIndex()) {
            sendAppend(core, r.from(), pr, true);
        }
    }

    /**
     * Raft paper §5.4.2: only an entry of the current term is committed by counting replicas.
     * Returns true if the commit index advanced and this node is still the leader.
     */
    boolean maybeCommit(RaftCore core) {
        long quorumIndex = core.tracker().committedIndex();
        if (quorumIndex > core.log().committed() && core.log().termAt(quorumIndex) == core.term()) {
            if (core.log().commitTo(quorumIndex)) {
                return afterCommit(core);
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- membership (dissertation §4.3)

    boolean changeInProgress() {
        return change != null;
    }

    void startChange(RaftCore core, Configuration target, long margin, int timeoutTicks) {
        change = new MembershipChange(target, margin, timeoutTicks);
        SortedSet<PeerId> newVoters = new TreeSet<>(target.peers());
        newVoters.removeAll(core.tracker().config().voters());
        newVoters.remove(core.self());
        if (newVoters.isEmpty()) {
            proposeChange(core);
            return;
        }
        // §4.2.1: new servers join as non-voting members until their logs are nearly caught up, so
        // that adding them does not stall commits.
        core.tracker().setCatchingUp(newVoters);
        core.tracker().syncProgress(core.self(), core.log().lastIndex() + 1);
        broadcastAppend(core, true);
        checkCatchup(core);
    }

    private void checkCatchup(RaftCore core) {
        if (change == null || change.proposed()) {
            return;
        }
        long needed = core.log().lastIndex() - change.marginEntries();
        for (PeerId p : core.tracker().catchingUp()) {
            if (core.tracker().progress(p).matchIndex() < needed) {
                return;
            }
        }
        proposeChange(core);
    }

    private void proposeChange(RaftCore core) {
        change.markProposed();
        Configuration current = core.configuration();
        core.tracker().setCatchingUp(new TreeSet<>());
        boolean votersChange = !current.peers().equals(change.target().peers());
        // Learners never vote, so a change of learners alone needs no joint phase.
        core.appendConfiguration(new ConfigurationEntry(change.target(), votersChange ? current : null));
        broadcastAppend(core, true);
        // A one-node configuration commits on the leader's own fsync (onSelfDurable).
    }

    private void failChange(RaftCore core, RaftError code, String why) {
        change = null;
        core.tracker().setCatchingUp(new TreeSet<>());
        core.tracker().syncProgress(core.self(), core.log().lastIndex() + 1);
        core.emit(new Effect.ConfigurationChangeFailed(code, why));
    }

    /**
     * The commit index advanced. If C_old,new committed, append C_new (§4.3); if C_new committed,
     * the change is done, and a leader that is no longer a voter hands over and steps down.
     * Returns false if this node stepped down.
     */
    private boolean afterCommit(RaftCore core) {
        ConfigurationEntry ce = core.configurationEntry();
        if (core.configurationIndex() > core.log().committed()) {
            return true;
        }
        if (ce.isJoint()) {
            core.appendConfiguration(new ConfigurationEntry(ce.conf(), null));
            broadcastAppend(core, true);
            return true;
        }
        if (change != null && change.proposed()) {
            change = null;
            core.emit(new Effect.ConfigurationChanged(ce.conf()));
        }
        if (!core.tracker().isVoter(core.self())) {
            // Removed: tell the followers the commit index, then hand over (dissertation §4.2.2).
            broadcastAppend(core, true);
            PeerId next = mostUpToDateFollower(core);
            if (next != null) {
                core.send(new TimeoutNow(core.groupId(), core.self(), next, core.term()), false);
            }
            core.stepDown("removed from the configuration " + ce.conf());
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- leadership transfer (§3.10)

    boolean transferring() {
        return transferee != null;
    }

    PeerId transferee() {
        return transferee;
    }

    /**
     * Dissertation §3.10: stop accepting new work, bring {@code target} up to date, then send it
     * TimeoutNow so that it campaigns at once. Aborted (leadership resumes) if it has not won within
     * an election timeout. The lease is void from now on: TimeoutNow lets the target bypass the
     * followers' stickiness on which the lease rests.
     */
    Status transferLeadership(RaftCore core, PeerId target) {
        if (transferee != null) {
            return Status.error(RaftError.EBUSY, "already transferring leadership to " + transferee);
        }
        if (change != null) {
            return Status.error(RaftError.EBUSY, "a configuration change is in progress");
        }
        if (target == null) {
            target = mostUpToDateFollower(core);
            if (target == null) {
                return Status.error(RaftError.EINVAL, "no other voter to transfer leadership to");
            }
        }
        if (target.equals(core.self())) {
            return Status.ok();
        }
        if (!core.tracker().isVoter(target) || core.tracker().progress(target) == null) {
            return Status.error(RaftError.EINVAL, target + " is not a voter of " + core.configuration());
        }
        voidLease();
        transferee = target;
        transferElapsed = 0;
        timeoutNowSent = false;
        checkTransfer(core, target);
        if (!timeoutNowSent) {
            // Catch the target up from what it is known to have (messages in flight may be lost).
            Progress pr = core.tracker().progress(target);
            if (pr.state() == ProgressState.REPLICATE) {
                pr.becomeProbe();
            }
            sendAppend(core, target, true);
        }
        return Status.ok();
    }

    private void checkTransfer(RaftCore core, PeerId from) {
        if (transferee == null || timeoutNowSent || !transferee.equals(from)) {
            return;
        }
        if (core.tracker().progress(from).matchIndex() == core.log().lastIndex()) {
            timeoutNowSent = true;
            core.send(new TimeoutNow(core.groupId(), core.self(), from, core.term()), false);
        }
    }

    /** The leader's own fsync completed: only now does it count itself (braft). */
    void onSelfDurable(RaftCore core) {
        core.tracker().progress(core.self()).setSelfMatch(core.log().stableLastIndex());
        if (maybeCommit(core)) {
            broadcastAppend(core, true);
        }
    }

    /** The voter with the highest match index other than the leader, for a hand-over (or null). */
    PeerId mostUpToDateFollower(RaftCore core) {
        PeerId best = null;
        long bestMatch = -1;
        for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
            if (e.getKey().equals(core.self()) || !core.tracker().isVoter(e.getKey())) {
                continue;
            }
            if (e.getValue().matchIndex() > bestMatch) {
                best = e.getKey();
                bestMatch = e.getValue().matchIndex();
            }
        }
        return best;
    }
}
