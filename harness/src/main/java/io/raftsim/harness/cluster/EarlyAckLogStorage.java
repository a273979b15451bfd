package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.List;

/**
 * TEST ONLY, a planted bug: reports every append durable on the next event, before the disk has
 * synced it (a follower acknowledging AppendEntries before its fsync). A crash then loses entries a
 * quorum was counted on; the harness must catch that. Reached only through {@code
 * RunConfig.unsafeAckBeforeFsync}, which the command line cannot set.
 */
final class EarlyAckLogStorage implements LogStorage {
    private final LogStorage inner;
    private final Clock clock;

    EarlyAckLogStorage(LogStorage inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    @Override
    public long firstIndex() {
        return inner.firstIndex();
    }

    @Override
    public long lastIndex() {
        return inner.lastIndex();
    }

    @Override
    public long termAt(long index) {
        return inner.termAt(index);
    }

    @Override
    public LogEntry entry(long index) {
        return inner.entry(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        return inner.entries(fromIndex, toIndexInclusive, maxBytes);
    }

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        inner.append(entries, err -> {});
        clock.execute(() -> done.done(null));
    }

    @Override
    public void truncateSuffix(long lastIndexKept, IoCallback done) {
        inner.truncateSuffix(lastIndexKept, done);
    }

    @Override
    public void truncatePrefix(long firstIndexKept, IoCallback done) {
        inner.truncatePrefix(firstIndexKept, done);
    }

    @Override
    public void reset(long nextLogIndex, IoCallback done) {
        inner.reset(nextLogIndex, done);
    }

    @Override
    public void close() {
        inner.close();
    }
}
