package io.raftsim.engine.storage;

import io.raftsim.engine.spi.fs.IoCallback;
import java.util.List;

/**
 * The durable raft log (braft's {@code LogStorage}). Indexes are contiguous from
 * {@link #firstIndex()} to {@link #lastIndex()}; an empty log has {@code lastIndex() ==
 * firstIndex() - 1}. Mutations update the in-memory view at once (so the node can read what it
 * wrote) and report durability through the callback, after an fsync; callbacks complete in the
 * order the mutations were issued. Any failure is a {@link io.raftsim.engine.spi.fs.StorageException}
 * (synchronously or through the callback) and is fatal for the node: it is never retried.
 */
public interface LogStorage extends AutoCloseable {
    long firstIndex();

    long lastIndex();

    /** Term of the entry at {@code index}, or 0 if it is not in the log. */
    long termAt(long index);

    /** The entry at {@code index}; {@code null} if it is not in the log. */
    LogEntry entry(long index);

    /**
     * Entries from {@code fromIndex} up to {@code toIndexInclusive}, stopping early once
     * {@code maxBytes} would be exceeded (at least one entry is returned when any is in range).
     */
    List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes);

    /** Appends entries whose indexes continue {@link #lastIndex()}; {@code done} once durable. */
    void append(List<LogEntry> entries, IoCallback done);

    /** Removes entries after {@code lastIndexKept}; {@code done} once durable. */
    void truncateSuffix(long lastIndexKept, IoCallback done);

    /** Removes entries before {@code firstIndexKept} (log compaction); {@code done} once durable. */
    void truncatePrefix(long firstIndexKept, IoCallback done);

    /**
     * Drops the whole log and restarts it at {@code nextLogIndex} (after installing a snapshot whose
     * last included index is {@code nextLogIndex - 1}); {@code done} once durable.
     */
    void reset(long nextLogIndex, IoCallback done);

    @Override
    void close();
}
