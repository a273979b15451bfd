package io.raftsim.harness.invariant;

import io.raftsim.engine.storage.LogEntry;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The online Raft invariants (Raft paper Figure 3), checked as the cluster runs, after every event
 * that can break one; the first violation stops the run. Nodes are indexes 0..n-1.
 *
 * <ul>
 *   <li>election-safety: at most one leader per term;
 *   <li>log-matching: two logs with an entry of the same index and term hold the same entry and
 *       agree on the term of the entry before it (by induction, on the whole prefix);
 *   <li>leader-completeness: a new leader's log holds every entry committed before its term, and
 *       no node truncates a committed entry;
 *   <li>state-machine-safety: no two nodes apply different entries at one index;
 *   <li>acked-write-lost: an acknowledged write is applied everywhere as acknowledged;
 *   <li>commit-monotonic: a node's commit index never decreases between its restarts.
 * </ul>
 */
public final class InvariantMonitor {
    private final LogMirror[] logs;
    private final long[] lastApplied;
    private final long[] commitIndex;
    private final TreeMap<Long, Integer> leaderOfTerm = new TreeMap<>();
    /**
     * Per node, the term it was last seen leading, already recorded in {@link #leaderOfTerm}: the
     * monitor hears "leader" after every event of a leader, and only the first time per term needs
     * the map.
     */
    private final long[] knownLeaderTerm;

    private final AnchorTable anchors = new AnchorTable();
    private final CommittedEntries committed = new CommittedEntries();
    private long electionsWon;
    /**
     * Per node, the highest log index it told a leader it holds (a successful AppendEntries
     * response's match index), lowered only when its own log legitimately lets go of entries (a
     * conflicting suffix replaced, a snapshot install): every restart must recover at least that.
     */
    private final long[] ackedIndex;

    public InvariantMonitor(int nodes) {
        logs = new LogMirror[nodes];
        for (int i = 0; i < nodes; i++) {
            logs[i] = new LogMirror();
        }
        lastApplied = new long[nodes];
        commitIndex = new long[nodes];
        ackedIndex = new long[nodes];
        knownLeaderTerm = new long[nodes];
        Arrays.fill(knownLeaderTerm, -1);
    }

    public static long digest(LogEntry e) {
        return io.raftsim.sim.StableHash.combine(
                e.type().ordinal(), io.raftsim.sim.StableHash.of(e.data(), 0, e.data().length));
    }

    /** Distinct (term, leader) pairs observed: elections won. */
    public long electionsWon() {
        return electionsWon;
    }

    public long committedEntries() {
        return committed.count();
    }

    /** The highest index known committed (applied anywhere or acknowledged). */
    public long maxCommittedIndex() {
        return committed.maxIndex();
    }

    // ---- elections -------------------------------------------------------------------------

    /** {@code node} is leader in {@code term} now. */
    public void onLeader(int node, long term) {
        if (knownLeaderTerm[node] == term) {
            return;
        }
        Integer previous = leaderOfTerm.get(term);
        if (previous != null && previous != node) {
            throw new InvariantViolation(
                    "election-safety", "nodes " + previous + " and " + node + " are both leader in term " + term);
        }
        if (previous == null) {
            leaderOfTerm.put(term, node);
            electionsWon++;
            checkLeaderCompleteness(node, term);
        }
        knownLeaderTerm[node] = term;
    }

    private void checkLeaderCompleteness(int node, long term) {
        LogMirror log = logs[node];
        for (long index = Math.max(1, log.firstIndex()); index <= committed.maxIndex(); index++) {
            if (!committed.has(index)) {
                continue;
            }
            long cTerm = committed.termAt(index);
            if (cTerm >= term) {
                continue;
            }
            if (!log.has(index) || log.termAt(index) != cTerm || log.digestAt(index) != committed.digestAt(index)) {
                throw new InvariantViolation(
                        "leader-completeness",
                        "node " + node + " became leader of term " + term + " without committed entry " + index + "@"
                                + cTerm + " (committed on node " + committed.firstNodeAt(index) + "); its log "
                                + (log.has(index)
                                        ? "has " + index + "@" + log.termAt(index)
                                        : "spans " + log.firstIndex() + ".." + log.lastIndex()));
            }
        }
    }

    // ---- logs ------------------------------------------------------------------------------

    public void onAppend(int node, List<LogEntry> entries) {
        LogMirror log = logs[node];
        for (LogEntry e : entries) {
            long d = digest(e);
            long prevTerm = e.index() == log.firstIndex() ? -1 : log.termAt(e.index() - 1);
            log.append(e.index(), e.term(), d);
            anchors.hold(node, e.index(), e.term(), d, prevTerm);
        }
    }

    /**
     * {@code node}, now in {@code nodeTerm}, drops its log after {@code lastKept}. Dropping a
     * committed entry breaks leader completeness only if the leader behind it is of a later term
     * than the one the entry was committed in: a stale leader of an earlier term (no CheckQuorum,
     * a partition) may legally overwrite an entry on a follower that lags as far behind as it does,
     * and the entry stays on the majority that committed it. So the check fires only when
     * {@code nodeTerm} exceeds a term in which the entry is known committed.
     */
    public void onTruncateSuffix(int node, long lastKept, long nodeTerm) {
        ackedIndex[node] = Math.min(ackedIndex[node], lastKept);
        LogMirror log = logs[node];
        for (long i = lastKept + 1; i <= log.lastIndex(); i++) {
            if (committed.has(i)
                    && committed.termAt(i) == log.termAt(i)
                    && committed.digestAt(i) == log.digestAt(i)
                    && nodeTerm > committed.committedByTermAt(i)) {
                throw new InvariantViolation(
                        "leader-completeness",
                        "node " + node + " in term " + (nodeTerm == Long.MAX_VALUE ? "?" : Long.toString(nodeTerm))
                                + " truncates committed entry " + i + "@" + committed.termAt(i)
                                + " (committed by term " + committed.committedByTermAt(i)
                                + " at the latest; keeping up to "
                                + lastKept + ")");
            }
        }
        log.truncateSuffix(lastKept);
    }

    public void onTruncatePrefix(int node, long firstKept) {
        logs[node].truncatePrefix(firstKept);
    }

    public void onReset(int node, long nextIndex) {
        ackedIndex[node] = Math.min(ackedIndex[node], nextIndex - 1);
        logs[node].reset(nextIndex);
    }

    /**
     * {@code node} told a leader it holds its log up to {@code matchIndex}. Raft counts that answer
     * toward a quorum, so from here on the entries must be on the node's stable storage (the Raft
     * paper, Figure 2: followers persist before responding to RPCs).
     */
    public void onAppendAcknowledged(int node, long matchIndex) {
        ackedIndex[node] = Math.max(ackedIndex[node], matchIndex);
    }

    /**
     * The node restarted with {@code recoveredTerm} from its meta storage, having sent messages of
     * terms up to {@code maxTermSent} before. Raft's persistent state (currentTerm, votedFor) is
     * "updated on stable storage before responding to RPCs" (the Raft paper, Figure 2): whatever term
     * a node told others must survive its crash, or it can vote twice in a term it already voted in.
     */
    public void onRecoveredTerm(int node, long recoveredTerm, long maxTermSent) {
        if (recoveredTerm < maxTermSent) {
            throw new InvariantViolation(
                    "term-durability",
                    "node " + node + " restarted in term " + recoveredTerm + " although it had sent messages of term "
                            + maxTermSent + " before it crashed: its term and vote were not durable when it sent them");
        }
    }

    /** The node restarted: its mirror is rebuilt from what its storage recovered. */
    /**
     * {@code node} restarted and its engine recovered a log (snapshot included) ending at
     * {@code recoveredLastIndex}. Damage at rest must surface as CORRUPT (the node refuses to
     * start), never as a silently shorter log: a shorter log can vote for a leader that lacks
     * committed entries (Raft's quorum-intersection argument assumes acknowledged entries persist).
     */
    public void onRecoveredLog(int node, long recoveredLastIndex) {
        if (recoveredLastIndex < ackedIndex[node]) {
            throw new InvariantViolation(
                    "log-durability",
                    "node " + node + " restarted with its log ending at " + recoveredLastIndex
                            + " although it had acknowledged entries up to " + ackedIndex[node]
                            + " to a leader before it crashed");
        }
    }

    public void onRestart(int node, List<LogEntry> recovered, long firstIndex) {
        logs[node].reset(firstIndex);
        for (LogEntry e : recovered) {
            logs[node].append(e.index(), e.term(), digest(e));
        }
        lastApplied[node] = 0;
        commitIndex[node] = 0;
    }

    // ---- commit and apply ------------------------------------------------------------------

    public void onCommitIndex(int node, long index) {
        if (index < commitIndex[node]) {
            throw new InvariantViolation(
                    "commit-monotonic",
                    "node " + node + " commit index went from " + commitIndex[node] + " to " + index
                            + " without a restart");
        }
        commitIndex[node] = index;
    }

    /** The node's state machine was loaded from a snapshot up to {@code index}. */
    public void onSnapshotLoaded(int node, long index) {
        lastApplied[node] = Math.max(lastApplied[node], index);
    }

    /** {@code node}, now in {@code nodeTerm}, applied a DATA entry to its state machine. */
    public void onApply(int node, long index, long term, long digest, long nodeTerm) {
        if (lastApplied[node] != 0 && index <= lastApplied[node]) {
            throw new InvariantViolation(
                    "state-machine-safety",
                    "node " + node + " applies index " + index + " after already applying " + lastApplied[node]);
        }
        lastApplied[node] = index;
        commit(node, index, term, digest, "state-machine-safety");
        committed.noteAppliedInTerm(index, nodeTerm);
    }

    /** The client got {@code ok} for the entry at (index, term). */
    public void onAck(int node, long index, long term, long digest) {
        committed.markAcked(index);
        commit(node, index, term, digest, "acked-write-lost");
    }

    private void commit(int node, long index, long term, long digest, String invariant) {
        if (!committed.has(index)) {
            committed.put(index, term, digest, node);
            return;
        }
        long cTerm = committed.termAt(index);
        long cDigest = committed.digestAt(index);
        if (cTerm != term || cDigest != digest) {
            String what = committed.acked(index) ? "acked-write-lost" : invariant;
            throw new InvariantViolation(
                    what,
                    "node " + node + " has " + index + "@" + term + " (digest " + Long.toHexString(digest)
                            + ") committed but node " + committed.firstNodeAt(index) + " committed " + index + "@"
                            + cTerm + " (digest " + Long.toHexString(cDigest) + ")");
        }
    }

    public long lastApplied(int node) {
        return lastApplied[node];
    }

    /** The term of the last entry in {@code node}'s log as its storage holds it (0 for an empty log). */
    public long lastLogTerm(int node) {
        LogMirror log = logs[node];
        return log.termAt(log.lastIndex());
    }
}
