package io.raftsim.engine.core.log;

import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/**
 * Read access to the durable log, as the pure core needs it. The node backs it with its
 * {@link io.raftsim.engine.storage.LogStorage}; tests with a list. The core never writes through it:
 * writes leave the core as effects.
 */
public interface StableLog {
    long firstIndex();

    long lastIndex();

    /** Term at {@code index}, 0 if absent. */
    long termAt(long index);

    List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes);
}
