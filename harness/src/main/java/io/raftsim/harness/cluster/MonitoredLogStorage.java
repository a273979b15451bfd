package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.harness.invariant.InvariantMonitor;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The node's log storage as the invariant monitor sees it: every mutation is reported (in-memory
 * view, as the node sees it at once) before it is passed on. Log matching and "no committed entry
 * truncated" are checked right there, at the event that would break them.
 */
final class MonitoredLogStorage extends ForwardingLogStorage {
    private final InvariantMonitor monitor;
    private final int node;
    /** The node's current term at the moment of a truncation (see InvariantMonitor). */
    private final LongSupplier currentTerm;

    MonitoredLogStorage(LogStorage inner, InvariantMonitor monitor, int node, LongSupplier currentTerm) {
        super(inner);
        this.monitor = monitor;
        this.node = node;
        this.currentTerm = currentTerm;
    }

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        inner.append(entries, done);
        monitor.onAppend(node, entries);
    }

    @Override
    public void truncateSuffix(long lastIndexKept, IoCallback done) {
        monitor.onTruncateSuffix(node, lastIndexKept, currentTerm.getAsLong());
        inner.truncateSuffix(lastIndexKept, done);
    }

    @Override
    public void truncatePrefix(long firstIndexKept, IoCallback done) {
        monitor.onTruncatePrefix(node, firstIndexKept);
        inner.truncatePrefix(firstIndexKept, done);
    }

    @Override
    public void reset(long nextLogIndex, IoCallback done) {
        monitor.onReset(node, nextLogIndex);
        inner.reset(nextLogIndex, done);
    }
}
