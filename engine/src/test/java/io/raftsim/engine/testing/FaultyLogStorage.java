package io.raftsim.engine.testing;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link LogStorage} decorator that fails the way the segmented log does: an armed fault makes
 * one kind of call throw synchronously (ENOSPC from {@code append}, EIO from a read), and from then
 * on every call throws the same exception, reads included. It counts those later calls: a node
 * that went into ERROR must make none (braft: never touch the storage again until restart). It
 * also records which engine methods made the failing call, so a test can show which path it hit.
 */
public final class FaultyLogStorage implements LogStorage {
    /** The calls a fault can be armed on. */
    public enum Call {
        FIRST_INDEX,
        LAST_INDEX,
        TERM_AT,
        ENTRY,
        ENTRIES,
        APPEND,
        TRUNCATE_SUFFIX,
        TRUNCATE_PREFIX,
        RESET
    }

    private final LogStorage inner;
    private Call armedCall;
    private StorageException armed;
    private StorageException failure;
    private Call failedCall;
    private String failedFrom = "";
    private long callsAfterFailure;
    private String firstCallAfterFailure = "";

    public FaultyLogStorage(LogStorage inner) {
        this.inner = inner;
    }

    /** The next {@code call} throws {@code error}; the storage refuses every call after it. */
    public void arm(Call call, StorageException error) {
        armedCall = call;
        armed = error;
    }

    public boolean failed() {
        return failure != null;
    }

    public Call failedCall() {
        return failedCall;
    }

    /** The engine methods on the stack of the failing call, innermost first ("Class.method <- ..."). */
    public String failedFrom() {
        return failedFrom;
    }

    /** Calls made after the failure (each threw again); a failed node must make none. */
    public long callsAfterFailure() {
        return callsAfterFailure;
    }

    /** The engine path of the first call after the failure, for a readable assertion message. */
    public String firstCallAfterFailure() {
        return firstCallAfterFailure;
    }

    private void enter(Call call) {
        if (failure != null) {
            if (callsAfterFailure++ == 0) {
                firstCallAfterFailure = call + " from " + enginePath();
            }
            throw failure;
        }
        if (armed != null && armedCall == call) {
            failure = armed;
            armed = null;
            failedCall = call;
            failedFrom = enginePath();
            throw failure;
        }
    }

    private static String enginePath() {
        return StackWalker.getInstance().walk(frames -> frames.filter(
                        f -> f.getClassName().startsWith("io.raftsim.engine.")
                                && !f.getClassName().startsWith("io.raftsim.engine.testing."))
                .limit(12)
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .collect(Collectors.joining(" <- ")));
    }

    @Override
    public long firstIndex() {
        enter(Call.FIRST_INDEX);
        return inner.firstIndex();
    }

    @Override
    public long lastIndex() {
        enter(Call.LAST_INDEX);
        return inner.lastIndex();
    }

    @Override
    public long termAt(long index) {
        enter(Call.TERM_AT);
        return inner.termAt(index);
    }

    @Override
    public LogEntry entry(long index) {
        enter(Call.ENTRY);
        return inner.entry(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        enter(Call.ENTRIES);
        return inner.entries(fromIndex, toIndexInclusive, maxBytes);
    }

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        enter(Call.APPEND);
        inner.append(entries, done);
    }

    @Override
    public void truncateSuffix(long lastIndexKept, IoCallback done) {
        enter(Call.TRUNCATE_SUFFIX);
        inner.truncateSuffix(lastIndexKept, done);
    }

    @Override
    public void truncatePrefix(long firstIndexKept, IoCallback done) {
        enter(Call.TRUNCATE_PREFIX);
        inner.truncatePrefix(firstIndexKept, done);
    }

    @Override
    public void reset(long nextLogIndex, IoCallback done) {
        enter(Call.RESET);
        inner.reset(nextLogIndex, done);
    }

    @Override
    public void close() {
        inner.close();
    }
}
