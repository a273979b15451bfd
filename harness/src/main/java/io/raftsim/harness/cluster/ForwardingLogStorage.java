package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.List;
import java.util.Objects;

/** A {@link LogStorage} that passes every call to another; wrappers override what they observe or change. */
abstract class ForwardingLogStorage implements LogStorage {
    protected final LogStorage inner;

    ForwardingLogStorage(LogStorage inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
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
        inner.append(entries, done);
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
