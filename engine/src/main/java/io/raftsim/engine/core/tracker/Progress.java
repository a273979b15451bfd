package io.raftsim.engine.core.tracker;

/**
 * The leader's view of one peer (Raft paper Figure 2 nextIndex/matchIndex) plus flow control.
 * Invariant, checked on every change: {@code matchIndex < nextIndex}.
 */
public final class Progress {
    private long matchIndex;
    private long nextIndex;
    private ProgressState state = ProgressState.PROBE;
    /** In PROBE: an AppendEntries is out and unanswered, so send no other until a heartbeat reply. */
    private boolean probeSent;
    /**
     * The leader's heartbeat round (ReadRounds) current when the outstanding probe went out. Only an
     * answer to a later round may resume the probe: see {@link #resumeProbe(long)}.
     */
    private long probeRound;
    /** Heard from since the last CheckQuorum round (dissertation §6.2). */
    private boolean recentActive;

    /** Highest commit index this peer can have learned from what we sent (capped at what it verified). */
    private long sentCommit;

    /** In SNAPSHOT: the last index of the snapshot being installed. */
    private long pendingSnapshot;

    /** Highest heartbeat round this peer acknowledged (ReadIndex / lease, dissertation §6.4). */
    private long ackedRound;
    /** Match index seen at the previous heartbeat round: no change over a round means a lost message. */
    private long matchAtLastHeartbeat;

    private final Inflights inflights;

    public Progress(long nextIndex, int maxInflight) {
        this.nextIndex = nextIndex;
        this.inflights = new Inflights(maxInflight);
        checkInvariant();
    }

    private void checkInvariant() {
        if (matchIndex >= nextIndex || matchIndex < 0) {
            throw new IllegalStateException("Progress invariant match < next broken: match=" + matchIndex + " next="
                    + nextIndex + " state=" + state);
        }
    }

    public long matchIndex() {
        return matchIndex;
    }

    public long nextIndex() {
        return nextIndex;
    }

    public ProgressState state() {
        return state;
    }

    public Inflights inflights() {
        return inflights;
    }

    public long sentCommit() {
        return sentCommit;
    }

    public void setSentCommit(long commit) {
        sentCommit = Math.max(sentCommit, commit);
    }

    public long ackedRound() {
        return ackedRound;
    }

    public void ackRound(long r) {
        ackedRound = Math.max(ackedRound, r);
    }

    /**
     * Called once per heartbeat round: true if this follower is replicating, has messages in flight
     * and acknowledged nothing since the previous round, so a message was probably lost.
     */
    public boolean stalledSinceLastHeartbeat() {
        boolean stalled =
                state == ProgressState.REPLICATE && inflights.count() > 0 && matchIndex == matchAtLastHeartbeat;
        matchAtLastHeartbeat = matchIndex;
        return stalled;
    }

    public boolean recentActive() {
        return recentActive;
    }

    public void setRecentActive(boolean v) {
        recentActive = v;
    }

    /** No AppendEntries with entries may go now: a probe is out, or the pipeline window is full. */
    public boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    public long pendingSnapshot() {
        return pendingSnapshot;
    }

    /** The follower needs entries before the leader's first index: send snapshot {@code index}. */
    public void becomeSnapshot(long index) {
        state = ProgressState.SNAPSHOT;
        probeSent = false;
        inflights.reset();
        pendingSnapshot = index;
        checkInvariant();
    }

    /**
     * The follower installed the snapshot up to {@code index} (or refused it while holding at least
     * {@code index}): probe from right after what it now has.
     */
    public void snapshotDone(long index) {
        if (index > matchIndex) {
            matchIndex = index;
        }
        pendingSnapshot = 0;
        becomeProbe();
    }

    public void becomeProbe() {
        state = ProgressState.PROBE;
        pendingSnapshot = 0;
        probeSent = false;
        inflights.reset();
        nextIndex = matchIndex + 1;
        checkInvariant();
    }

    /** From a probe back to a known next index; etcd's "resume with the next after a probe". */
    public void becomeReplicate() {
        state = ProgressState.REPLICATE;
        probeSent = false;
        inflights.reset();
        nextIndex = matchIndex + 1;
        checkInvariant();
    }

    /** Probe from {@code next} (a hint of where the follower's log ends), never below match + 1. */
    public void probeFrom(long next) {
        becomeProbe();
        nextIndex = Math.max(matchIndex + 1, next);
        checkInvariant();
    }

    /**
     * An answer that acknowledged nothing new, echoing heartbeat round {@code answeredRound}: may the
     * leader retry a probe whose message may have been lost? Only if the follower answered a round
     * that began after the probe went out (etcd-raft resumes a paused probe on a heartbeat response,
     * never on an append response). Any older answer - a duplicate, or one reordered behind the probe
     * - says nothing about the probe. Acting on those made every duplicated answer send a new probe,
     * whose duplicated answers sent more: a storm on links that duplicate. This way at most one probe
     * goes per follower per heartbeat round. Returns true if a probe may go now.
     */
    public boolean resumeProbe(long answeredRound) {
        if (state != ProgressState.PROBE) {
            return false;
        }
        if (!probeSent) {
            return true; // nothing outstanding: a probe may go (and then pauses the rest).
        }
        if (answeredRound <= probeRound) {
            return false;
        }
        probeSent = false;
        return true;
    }

    /**
     * Records an AppendEntries carrying entries up to {@code lastIndex} (none when lastIndex < next),
     * sent during heartbeat round {@code round}.
     */
    public void sentAppend(long lastIndex, int entryCount, long round) {
        switch (state) {
            case PROBE -> {
                probeSent = true;
                probeRound = round;
            }
            case REPLICATE -> {
                if (entryCount > 0) {
                    nextIndex = lastIndex + 1;
                    inflights.add(lastIndex);
                }
            }
            case SNAPSHOT -> {
                // Heartbeats only.
            }
        }
        checkInvariant();
    }

    /** A successful AppendEntries acknowledged {@code index}; returns true if the match advanced. */
    public boolean maybeUpdate(long index) {
        boolean updated = false;
        if (index > matchIndex) {
            matchIndex = index;
            updated = true;
            probeSent = false;
        }
        nextIndex = Math.max(nextIndex, index + 1);
        inflights.freeLe(index);
        checkInvariant();
        return updated;
    }

    /** Sets match for the leader itself (its own durable log), which needs no flow control. */
    public void setSelfMatch(long index) {
        if (index > matchIndex) {
            matchIndex = index;
        }
        nextIndex = Math.max(nextIndex, matchIndex + 1);
        checkInvariant();
    }

    /**
     * A rejection of the AppendEntries whose prevLogIndex was {@code rejected}, answering heartbeat
     * round {@code answeredRound}; {@code newNext} is where the conflict hint says to retry. Returns
     * false if the rejection is stale (an answer to an older message than the one this progress now
     * waits for), as etcd-raft's MaybeDecrTo: in REPLICATE a rejection at or below match is old; in
     * PROBE only the rejection of the last probe sent (prevLogIndex = next - 1) counts, so the
     * duplicates of a rejection are ignored once the first one moved next down.
     */
    public boolean maybeDecrTo(long rejected, long newNext, long answeredRound) {
        if (state == ProgressState.SNAPSHOT) {
            return false; // the snapshot decides where replication resumes.
        }
        if (state == ProgressState.REPLICATE) {
            if (rejected <= matchIndex) {
                return false;
            }
            becomeProbe();
            nextIndex = Math.max(matchIndex + 1, Math.min(rejected, newNext));
            checkInvariant();
            return true;
        }
        if (nextIndex - 1 != rejected) {
            return false;
        }
        long next = Math.max(matchIndex + 1, Math.min(rejected, newNext));
        if (next == nextIndex) {
            // The probe at prevLogIndex = match was refused: next cannot go lower (match only grows),
            // so next - 1 == rejected stays true and every duplicate of this rejection would look
            // current and resend the same probe. Retry at most once per heartbeat round instead.
            return resumeProbe(answeredRound);
        }
        nextIndex = next;
        probeSent = false;
        checkInvariant();
        return true;
    }

    @Override
    public String toString() {
        return "match=" + matchIndex + " next=" + nextIndex + " " + state + (probeSent ? " probe-sent" : "")
                + " inflight=" + inflights.count()
                + (state == ProgressState.SNAPSHOT ? " snapshot=" + pendingSnapshot : "");
    }
}
