package io.raftsim.engine.core.log;

import io.raftsim.engine.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent durable entries, contiguous, so that the leader serves replication to followers
 * that are nearly caught up without reading the disk (braft's log manager memory cache). Holds
 * between {@code capacity} and {@code 2 * capacity} entries: eviction is amortized.
 */
final class EntryCache {
    private final int capacity;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    /**
     * Index of entries.get(0) while not empty (entries are contiguous, so the last is first + size
     * - 1). Kept as a field: termAt asks the cache on every message, and reading the first and last
     * entry objects for the range check cost more than the lookup itself.
     */
    private long first;

    EntryCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("EntryCache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    private long firstIndex() {
        return first;
    }

    private long lastIndex() {
        return first + entries.size() - 1;
    }

    boolean contains(long index) {
        return !entries.isEmpty() && index >= firstIndex() && index <= lastIndex();
    }

    void add(LogEntry e) {
        if (!entries.isEmpty() && e.index() != lastIndex() + 1) {
            // Not contiguous (after a truncation below the cache): start over from this entry.
            entries.clear();
        }
        entries.add(e);
        if (entries.size() > 2 * capacity) {
            entries.subList(0, entries.size() - capacity).clear();
        }
        first = entries.get(0).index();
    }

    LogEntry get(long index) {
        return contains(index) ? entries.get((int) (index - firstIndex())) : null;
    }

    /** Entries of [from, toInclusive] that the cache holds, if it holds {@code from}; else empty. */
    List<LogEntry> range(long from, long toInclusive) {
        if (!contains(from)) {
            return List.of();
        }
        long to = Math.min(toInclusive, lastIndex());
        int base = (int) (from - firstIndex());
        return entries.subList(base, base + (int) (to - from + 1));
    }

    /** Drops entries at or after {@code index}. */
    void truncateFrom(long index) {
        while (!entries.isEmpty() && lastIndex() >= index) {
            entries.remove(entries.size() - 1);
        }
    }

    /** Drops entries before {@code index} (compacted into a snapshot). */
    void truncateBefore(long index) {
        if (!entries.isEmpty() && firstIndex() < index) {
            entries.subList(0, (int) Math.min(entries.size(), index - firstIndex()))
                    .clear();
            if (!entries.isEmpty()) {
                first = entries.get(0).index();
            }
        }
    }
}
