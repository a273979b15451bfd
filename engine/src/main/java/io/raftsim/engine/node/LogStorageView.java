package io.raftsim.engine.node;

import io.raftsim.engine.core.log.StableLog;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.List;

/** The core's read-only view of the durable log, backed by the node's {@link LogStorage}. */
record LogStorageView(LogStorage storage) implements StableLog {
    @Override
    public long firstIndex() {
        return storage.firstIndex();
    }

    @Override
    public long lastIndex() {
        return storage.lastIndex();
    }

    @Override
    public long termAt(long index) {
        return storage.termAt(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        return storage.entries(fromIndex, toIndexInclusive, maxBytes);
    }
}
