package io.raftsim.engine.storage.memory;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link LogStorage} for tests and benchmarks that models durability: mutations change
 * the visible log at once and become durable only when a (group-committed) fsync completes, after
 * {@code fsyncDelayNanos} of the node's clock, or when {@link #completeFsyncs()} is called in manual
 * mode ({@code fsyncDelayNanos < 0}). {@link #crash()} drops everything not yet durable. Failure
 * hooks make the next fsync fail (and, as on Linux, its dirty data is lost).
 */
public final class MemoryLogStorage implements LogStorage {
    /** One mutation, replayable on the durable copy once an fsync covers it. */
    private sealed interface Op {
        record Append(List<LogEntry> entries) implements Op {}

        record TruncateSuffix(long lastIndexKept) implements Op {}

        record TruncatePrefix(long firstIndexKept) implements Op {}

        record Reset(long nextLogIndex) implements Op {}
    }

    private record PendingOp(Op op, IoCallback done) {}

    private final Clock clock;
    private final long fsyncDelayNanos;
    private final Entries visible = new Entries();
    private final Entries durable = new Entries();
    private final ArrayDeque<PendingOp> dirty = new ArrayDeque<>();
    private List<PendingOp> syncing = List.of();
    private boolean fsyncInFlight;
    /** Bumped by a crash so that completions scheduled before it are ignored. */
    private long epoch;

    private StorageException nextFsyncFailure;
    private StorageException nextWriteFailure;
    private long fsyncCount;
    private boolean groupCommit = true;

    public MemoryLogStorage(Clock clock, long fsyncDelayNanos) {
        this.clock = clock;
        this.fsyncDelayNanos = fsyncDelayNanos;
    }

    // ------------------------------------------------ failure and crash hooks

    /** The next fsync to complete reports {@code error}; the writes it covered are lost. */
    public void failNextFsync(StorageException error) {
        nextFsyncFailure = error;
    }

    /** The next mutation throws {@code error} synchronously (e.g. ENOSPC). */
    public void failNextWrite(StorageException error) {
        nextWriteFailure = error;
    }

    /** Loses every write that is not durable yet; pending callbacks never run. */
    public void crash() {
        epoch++;
        dirty.clear();
        syncing = List.of();
        fsyncInFlight = false;
        visible.copyFrom(durable);
    }

    /** Manual mode: completes every fsync that is due now (and those they make due). */
    public void completeFsyncs() {
        if (fsyncDelayNanos >= 0) {
            throw new IllegalStateException("completeFsyncs() is for manual mode (fsyncDelayNanos < 0)");
        }
        while (fsyncInFlight) {
            finishFsync(epoch);
        }
    }

    public long fsyncCount() {
        return fsyncCount;
    }

    /**
     * With group commit (the default) one fsync covers every write issued before it started;
     * without, each write waits for an fsync of its own (benchmarks compare the two).
     */
    public void setGroupCommit(boolean groupCommit) {
        this.groupCommit = groupCommit;
    }

    /** Entries that would survive a crash now. */
    public long durableLastIndex() {
        return durable.lastIndex();
    }

    public boolean hasUnsyncedWrites() {
        return fsyncInFlight || !dirty.isEmpty();
    }

    // ------------------------------------------------ LogStorage

    @Override
    public long firstIndex() {
        return visible.firstIndex;
    }

    @Override
    public long lastIndex() {
        return visible.lastIndex();
    }

    @Override
    public long termAt(long index) {
        LogEntry e = visible.get(index);
        return e == null ? 0 : e.term();
    }

    @Override
    public LogEntry entry(long index) {
        return visible.get(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = fromIndex; i <= toIndexInclusive; i++) {
            LogEntry e = visible.get(i);
            if (e == null || (!out.isEmpty() && bytes + e.sizeBytes() > maxBytes)) {
                break;
            }
            out.add(e);
            bytes += e.sizeBytes();
        }
        return out;
    }

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        if (!entries.isEmpty() && entries.get(0).index() != visible.lastIndex() + 1) {
            throw new IllegalArgumentException(
                    "append must continue the log at " + (visible.lastIndex() + 1) + ", got " + entries.get(0));
        }
        mutate(new Op.Append(List.copyOf(entries)), done);
    }

    @Override
    public void truncateSuffix(long lastIndexKept, IoCallback done) {
        mutate(new Op.TruncateSuffix(lastIndexKept), done);
    }

    @Override
    public void truncatePrefix(long firstIndexKept, IoCallback done) {
        mutate(new Op.TruncatePrefix(firstIndexKept), done);
    }

    @Override
    public void reset(long nextLogIndex, IoCallback done) {
        mutate(new Op.Reset(nextLogIndex), done);
    }

    @Override
    public void close() {}

    private void mutate(Op op, IoCallback done) {
        if (nextWriteFailure != null) {
            StorageException e = nextWriteFailure;
            nextWriteFailure = null;
            throw e;
        }
        visible.apply(op);
        dirty.add(new PendingOp(op, done));
        maybeStartFsync();
    }

    /** Group commit: one fsync covers every write issued before it started. */
    private void maybeStartFsync() {
        if (fsyncInFlight || dirty.isEmpty()) {
            return;
        }
        fsyncInFlight = true;
        if (groupCommit) {
            syncing = new ArrayList<>(dirty);
            dirty.clear();
        } else {
            syncing = List.of(dirty.pollFirst());
        }
        if (fsyncDelayNanos >= 0) {
            long myEpoch = epoch;
            clock.schedule(fsyncDelayNanos, () -> finishFsync(myEpoch));
        }
    }

    private void finishFsync(long scheduledEpoch) {
        if (scheduledEpoch != epoch || !fsyncInFlight) {
            return;
        }
        fsyncCount++;
        List<PendingOp> covered = syncing;
        syncing = List.of();
        fsyncInFlight = false;
        StorageException failure = nextFsyncFailure;
        nextFsyncFailure = null;
        if (failure != null) {
            // Linux drops the dirty pages of a failed fsync: what the page cache held is gone.
            for (PendingOp p : covered) {
                p.done().done(failure);
            }
            return;
        }
        for (PendingOp p : covered) {
            durable.apply(p.op());
        }
        maybeStartFsync();
        for (PendingOp p : covered) {
            p.done().done(null);
        }
    }

    /** A contiguous run of entries starting at {@code firstIndex}. */
    private static final class Entries {
        long firstIndex = 1;
        final ArrayList<LogEntry> list = new ArrayList<>();

        long lastIndex() {
            return firstIndex + list.size() - 1;
        }

        LogEntry get(long index) {
            return index < firstIndex || index > lastIndex() ? null : list.get((int) (index - firstIndex));
        }

        void copyFrom(Entries o) {
            firstIndex = o.firstIndex;
            list.clear();
            list.addAll(o.list);
        }

        void apply(Op op) {
            if (op instanceof Op.Append a) {
                if (!a.entries().isEmpty() && a.entries().get(0).index() != lastIndex() + 1) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            "append at " + a.entries().get(0).index() + " does not continue " + lastIndex());
                }
                list.addAll(a.entries());
            } else if (op instanceof Op.TruncateSuffix t) {
                long keep = Math.max(0, t.lastIndexKept() - firstIndex + 1);
                if (keep < list.size()) {
                    list.subList((int) keep, list.size()).clear();
                }
            } else if (op instanceof Op.TruncatePrefix t) {
                long drop = Math.min(list.size(), Math.max(0, t.firstIndexKept() - firstIndex));
                list.subList(0, (int) drop).clear();
                firstIndex = Math.max(firstIndex, t.firstIndexKept());
            } else if (op instanceof Op.Reset r) {
                list.clear();
                firstIndex = r.nextLogIndex();
            }
        }
    }
}
