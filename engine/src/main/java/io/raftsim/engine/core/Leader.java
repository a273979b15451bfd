package io.raftsim.engine.core;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.tracker.Progress;
import io.raftsim.engine.core.tracker.ProgressState;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.storage.LogEntry;
import java.util.List;
import java.util.Map;

/**
 * Raft paper §5.3 leader: replicates with per-follower flow control (probe/replicate, a bounded
 * in-flight window), sends heartbeats, commits by counting only entries of its own term (§5.4.2,
 * Figure 8) and, with CheckQuorum, steps down when it has not heard from a majority for an
 * election timeout (dissertation §6.2).
 */
final class Leader implements Role {
    private int heartbeatElapsed;
    private int checkQuorumElapsed;

    @Override
    public RoleKind kind() {
        return RoleKind.LEADER;
    }

    @Override
    public void tick(RaftCore core) {
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
        }
        if (heartbeatElapsed >= core.config().heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat(core);
        }
    }

    @Override
    public void step(RaftCore core, RaftMessage m) {
        if (m instanceof AppendEntriesResponse r) {
            handleAppendResponse(core, r);
        }
    }

    /**
     * Heartbeats verify only what is known to match (prev = match index), so they never trigger a
     * rejection or a truncation; they also carry the commit index. A follower that acknowledged
     * nothing over a whole round while messages were in flight lost one: probe it again.
     */
    private void broadcastHeartbeat(RaftCore core) {
        for (Map.Entry<PeerId, Progress> e : core.tracker().allProgress().entrySet()) {
            if (e.getKey().equals(core.self())) {
                continue;
            }
            sendHeartbeat(core, e.getKey(), e.getValue());
            if (e.getValue().stalledSinceLastHeartbeat()) {
                e.getValue().becomeProbe();
                sendAppend(core, e.getKey(), true);
            }
        }
    }

    private void sendHeartbeat(RaftCore core, PeerId to, Progress pr) {
        long match = pr.matchIndex();
        core.send(
                new AppendEntriesRequest(
                        core.groupId(),
                        core.self(),
                        to,
                        core.term(),
                        match,
                        core.log().termAt(match),
                        List.of(),
                        core.log().committed()),
                false);
        pr.setSentCommit(Math.min(match, core.log().committed()));
    }

    void broadcastAppend(RaftCore core, boolean sendIfEmpty) {
        for (PeerId p : core.tracker().allProgress().keySet()) {
            if (!p.equals(core.self())) {
                sendAppend(core, p, sendIfEmpty);
            }
        }
    }

    /** One AppendEntries to {@code to} from its next index, if flow control allows. */
    boolean sendAppend(RaftCore core, PeerId to, boolean sendIfEmpty) {
        Progress pr = core.tracker().progress(to);
        if (pr == null || pr.isPaused()) {
            return false;
        }
        long last = core.log().lastIndex();
        long prev = pr.nextIndex() - 1;
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
                        core.log().committed()),
                false);
        pr.sentAppend(prev + entries.size(), entries.size());
        pr.setSentCommit(Math.min(prev + entries.size(), core.log().committed()));
        return true;
    }

    private void handleAppendResponse(RaftCore core, AppendEntriesResponse r) {
        Progress pr = core.tracker().progress(r.from());
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
            if (pr.maybeDecrTo(r.rejectedIndex(), nextProbe + 1)) {
                sendAppend(core, r.from(), true);
            }
            return;
        }
        boolean wasProbe = pr.state() == ProgressState.PROBE;
        if (pr.maybeUpdate(r.matchIndex())) {
            if (wasProbe) {
                pr.becomeReplicate();
            }
            if (maybeCommit(core)) {
                broadcastAppend(core, true);
            } else {
                boolean sent = false;
                while (sendAppend(core, r.from(), false)) {
                    sent = true; // Fill the in-flight window.
                }
                if (!sent
                        && pr.sentCommit()
                                < Math.min(pr.matchIndex(), core.log().committed())) {
                    // The follower has not heard of the commit index it can now use.
                    sendAppend(core, r.from(), true);
                }
            }
            return;
        }
        // An answer that acknowledged nothing new (a heartbeat's, or a duplicate). A probing follower
        // may have lost our probe: send it again. A replicating one is left to the heartbeat round.
        if (pr.state() == ProgressState.PROBE) {
            pr.resumeProbe();
            if (pr.matchIndex() < core.log().lastIndex()) {
                sendAppend(core, r.from(), true);
            }
        }
    }

    /** Raft paper §5.4.2: only an entry of the current term is committed by counting replicas. */
    boolean maybeCommit(RaftCore core) {
        long quorumIndex = core.tracker().committedIndex();
        if (quorumIndex > core.log().committed() && core.log().termAt(quorumIndex) == core.term()) {
            return core.log().commitTo(quorumIndex);
        }
        return false;
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
