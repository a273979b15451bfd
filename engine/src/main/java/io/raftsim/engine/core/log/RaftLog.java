package io.raftsim.engine.core.log;

import io.raftsim.engine.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's view of the raft log: a stable part (durable, read through {@link StableLog}, recent
 * entries cached) followed by an unstable part (handed to storage but not yet reported durable).
 * Tracks the commit and apply indexes.
 *
 * <p>Invariants (checked where the fields change): {@code applied <= committed}; nothing at or
 * below {@code committed} is ever truncated (Raft paper §5.3/§5.4: committed entries are
 * permanent); {@code stableLast + 1 == unstableOffset}.
 */
public final class RaftLog {
    private final StableLog stable;
    private final LogWriter writer;
    private final EntryCache cache;
    /** Last durable index. Storage may already hold more (issued, not yet fsynced): that is unstable. */
    private long stableLast;
    /** Entries from {@code stableLast + 1} on, not yet durable, newest last. */
    private final ArrayList<LogEntry> unstable = new ArrayList<>();

    private long committed;
    private long applied;

    /**
     * Last index and term the latest snapshot covers (Raft paper §7), 0 without one. The stable log
     * forgets the term of compacted entries, so the log remembers this one for the consistency
     * check of the entry right after it.
     */
    private long snapshotIndex;

    private long snapshotTerm;

    public RaftLog(StableLog stable, LogWriter writer, int cacheCapacity) {
        this(stable, writer, cacheCapacity, 0, 0);
    }

    public RaftLog(StableLog stable, LogWriter writer, int cacheCapacity, long snapshotIndex, long snapshotTerm) {
        this.stable = stable;
        this.writer = writer;
        this.cache = new EntryCache(cacheCapacity);
        this.stableLast = stable.lastIndex();
        if (snapshotIndex > 0 && (stable.firstIndex() > snapshotIndex + 1 || stable.lastIndex() < snapshotIndex)) {
            throw new IllegalStateException("log [" + stable.firstIndex() + ", " + stable.lastIndex()
                    + "] does not continue the snapshot at " + snapshotIndex);
        }
        this.snapshotIndex = snapshotIndex;
        this.snapshotTerm = snapshotTerm;
        // Everything before the first index is compacted, hence committed; so is the snapshot.
        this.committed = Math.max(stable.firstIndex() - 1, snapshotIndex);
        this.applied = committed;
    }

    public long firstIndex() {
        return stable.firstIndex();
    }

    public long snapshotIndex() {
        return snapshotIndex;
    }

    public long snapshotTerm() {
        return snapshotTerm;
    }

    /**
     * A local snapshot up to {@code index} (applied here, so committed) is durable; the node drops
     * the entries before {@code firstIndexKept} (the compaction margin keeps some for slow followers).
     */
    public void snapshotTaken(long index, long term, long firstIndexKept) {
        if (index > applied || index < snapshotIndex || termAt(index) != term) {
            throw new IllegalStateException("snapshot " + index + "@" + term + " must be applied here (applied "
                    + applied + ", term there " + termAt(index) + ") and newer than " + snapshotIndex);
        }
        if (firstIndexKept > index + 1) {
            throw new IllegalStateException("compaction to " + firstIndexKept + " beyond snapshot " + index);
        }
        snapshotIndex = index;
        snapshotTerm = term;
        cache.truncateBefore(firstIndexKept);
    }

    /**
     * A leader's snapshot up to {@code index} was installed (Raft paper §7, Figure 13 rules 6-7): if
     * the log holds that entry with that term, the entries after it stay (returns true, the caller
     * compacts the prefix); otherwise the whole log is discarded (returns false, the caller resets
     * the storage to start after the snapshot). Either way commit and apply jump to {@code index}.
     */
    public boolean snapshotInstalled(long index, long term) {
        if (index <= committed) {
            throw new IllegalStateException("installing snapshot " + index + " at or below commit index " + committed);
        }
        boolean keep = index <= lastIndex() && termAt(index) == term && index <= stableLast;
        if (!keep) {
            unstable.clear();
            cache.truncateFrom(0);
            stableLast = index;
        } else {
            cache.truncateBefore(index + 1);
        }
        snapshotIndex = index;
        snapshotTerm = term;
        committed = index;
        applied = index;
        return keep;
    }

    public long lastIndex() {
        return unstable.isEmpty()
                ? stableLast
                : unstable.get(unstable.size() - 1).index();
    }

    public long lastTerm() {
        return termAt(lastIndex());
    }

    public long stableLastIndex() {
        return stableLast;
    }

    public long committed() {
        return committed;
    }

    public long applied() {
        return applied;
    }

    /** Term at {@code index}; 0 for index 0 or an index not in the log. */
    public long termAt(long index) {
        if (index > 0 && index == snapshotIndex) {
            return snapshotTerm;
        }
        if (index <= 0 || index > lastIndex() || index < firstIndex()) {
            return 0;
        }
        if (index > stableLast) {
            return unstable.get((int) (index - stableLast - 1)).term();
        }
        LogEntry cached = cache.get(index);
        return cached != null ? cached.term() : stable.termAt(index);
    }

    public boolean matchTerm(long index, long term) {
        if (index == 0) {
            return term == 0;
        }
        return index <= lastIndex() && termAt(index) == term;
    }

    /** Raft paper §5.4.1: is (lastIndex, lastTerm) at least as up to date as this log? */
    public boolean isUpToDate(long otherLastIndex, long otherLastTerm) {
        long myTerm = lastTerm();
        return otherLastTerm > myTerm || (otherLastTerm == myTerm && otherLastIndex >= lastIndex());
    }

    public LogEntry entry(long index) {
        List<LogEntry> one = entries(index, index, 1, Long.MAX_VALUE);
        return one.isEmpty() ? null : one.get(0);
    }

    /**
     * Entries from {@code from} to {@code toInclusive}, at most {@code maxCount} and, past the first
     * entry, at most {@code maxBytes} (so one oversized entry still goes out alone).
     */
    public List<LogEntry> entries(long from, long toInclusive, int maxCount, long maxBytes) {
        if (from < firstIndex() || toInclusive > lastIndex()) {
            throw new IllegalArgumentException("entries [" + from + ", " + toInclusive + "] outside log ["
                    + firstIndex() + ", " + lastIndex() + "]");
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        long i = from;
        long to = Math.min(toInclusive, from + maxCount - 1);
        while (i <= to) {
            List<LogEntry> chunk;
            if (i > stableLast) {
                int a = (int) (i - stableLast - 1);
                int b = (int) (to - stableLast);
                chunk = unstable.subList(a, b);
            } else {
                chunk = cache.range(i, Math.min(to, stableLast));
                if (chunk.isEmpty()) {
                    long upTo = Math.min(to, stableLast);
                    chunk = stable.entries(i, upTo, Math.max(1, maxBytes - bytes));
                    if (chunk.isEmpty()) {
                        throw new IllegalStateException(
                                "stable log returned no entry at " + i + " (stable last " + stableLast + ")");
                    }
                }
            }
            for (LogEntry e : chunk) {
                if (e.index() != i) {
                    throw new IllegalStateException("log read out of order: expected index " + i + ", got " + e);
                }
                if (!out.isEmpty() && bytes + e.sizeBytes() > maxBytes) {
                    return out;
                }
                out.add(e);
                bytes += e.sizeBytes();
                i++;
                if (i > to) {
                    break;
                }
            }
        }
        return out;
    }

    /** Leader: appends new entries of its own term (they continue the log). */
    public void appendAsLeader(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries.get(0).index() != lastIndex() + 1) {
            throw new IllegalStateException(
                    "leader append must continue the log at " + (lastIndex() + 1) + ", got " + entries.get(0));
        }
        unstable.addAll(entries);
        writer.append(entries);
    }

    /**
     * Follower side of AppendEntries (Raft paper Figure 2 receiver rules 2–5). Returns the last index
     * this request verified ({@code prevIndex + entries.size()}), or -1 if prev does not match.
     * Truncates only from the first entry whose term conflicts, and never at or below the commit
     * index; existing matching entries are kept (a stale, shorter AppendEntries must not truncate).
     */
    public long maybeAppend(long prevIndex, long prevTerm, long leaderCommit, List<LogEntry> entries) {
        if (!matchTerm(prevIndex, prevTerm)) {
            return -1;
        }
        long lastVerified = prevIndex + entries.size();
        int firstNew = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (e.index() > lastIndex() || termAt(e.index()) != e.term()) {
                firstNew = i;
                break;
            }
        }
        if (firstNew < entries.size()) {
            long conflictIndex = entries.get(firstNew).index();
            if (conflictIndex <= committed) {
                throw new IllegalStateException("refusing to overwrite committed entry " + conflictIndex
                        + " (commit index " + committed + ", existing term " + termAt(conflictIndex)
                        + ", new term " + entries.get(firstNew).term() + ")");
            }
            truncateAndAppend(entries.subList(firstNew, entries.size()));
        }
        commitTo(Math.min(leaderCommit, lastVerified));
        return lastVerified;
    }

    private void truncateAndAppend(List<LogEntry> entries) {
        long first = entries.get(0).index();
        if (first <= lastIndex()) {
            writer.truncateSuffix(first - 1);
            if (first <= stableLast) {
                unstable.clear();
                stableLast = first - 1;
                cache.truncateFrom(first);
            } else {
                unstable.subList((int) (first - stableLast - 1), unstable.size())
                        .clear();
            }
        }
        unstable.addAll(entries);
        writer.append(List.copyOf(entries));
    }

    /**
     * Fast backtracking hint: the largest index at or below {@code index} whose term is at most
     * {@code term} (etcd raft's findConflictByTerm), with its term.
     */
    public long[] findConflictByTerm(long index, long term) {
        long i = Math.min(index, lastIndex());
        while (i > 0) {
            long t = termAt(i);
            if (t <= term) {
                return new long[] {i, t};
            }
            i--;
        }
        return new long[] {0, 0};
    }

    public boolean commitTo(long index) {
        if (index <= committed) {
            return false;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("commit index " + index + " beyond last index " + lastIndex());
        }
        committed = index;
        return true;
    }

    /** Storage reported entries up to {@code index} (of {@code term}) durable. */
    public boolean stableTo(long index, long term) {
        if (index <= stableLast || index > lastIndex() || termAt(index) != term) {
            return false; // older write, or one superseded by a truncation since.
        }
        int n = (int) (index - stableLast);
        for (LogEntry e : unstable.subList(0, n)) {
            cache.add(e);
        }
        unstable.subList(0, n).clear();
        stableLast = index;
        return true;
    }

    /** Entries that may be applied: committed and durable locally. */
    public long applicableIndex() {
        return Math.min(committed, stableLast);
    }

    public void appliedTo(long index) {
        if (index < applied || index > applicableIndex()) {
            throw new IllegalStateException("applied index " + index + " outside [" + applied + ", " + applicableIndex()
                    + "] (commit " + committed + ", stable " + stableLast + ")");
        }
        applied = index;
    }
}
