package io.raftsim.engine.storage.memory;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.RaftMeta;
import java.util.ArrayDeque;

/**
 * An in-memory {@link MetaStorage}: a save becomes durable after {@code fsyncDelayNanos} of the
 * node's clock (or on {@link #completeFsyncs()} in manual mode, delay &lt; 0). {@link #crash()}
 * keeps only the durable meta. {@link #failNextSave} makes the next save fail: the old meta stays.
 */
public final class MemoryMetaStorage implements MetaStorage {
    private record Pending(RaftMeta meta, IoCallback done) {}

    private final Clock clock;
    private final long fsyncDelayNanos;
    private RaftMeta durable = RaftMeta.INITIAL;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long epoch;
    private StorageException nextFailure;
    private long fsyncCount;

    public MemoryMetaStorage(Clock clock, long fsyncDelayNanos) {
        this.clock = clock;
        this.fsyncDelayNanos = fsyncDelayNanos;
    }

    public void failNextSave(StorageException error) {
        nextFailure = error;
    }

    public void crash() {
        epoch++;
        pending.clear();
    }

    public void completeFsyncs() {
        if (fsyncDelayNanos >= 0) {
            throw new IllegalStateException("completeFsyncs() is for manual mode (fsyncDelayNanos < 0)");
        }
        while (!pending.isEmpty()) {
            finishOne(epoch);
        }
    }

    public long fsyncCount() {
        return fsyncCount;
    }

    public RaftMeta durableMeta() {
        return durable;
    }

    @Override
    public RaftMeta load() {
        return durable;
    }

    @Override
    public void save(RaftMeta meta, IoCallback done) {
        pending.add(new Pending(meta, done));
        if (fsyncDelayNanos >= 0) {
            long myEpoch = epoch;
            clock.schedule(fsyncDelayNanos, () -> finishOne(myEpoch));
        }
    }

    private void finishOne(long scheduledEpoch) {
        if (scheduledEpoch != epoch || pending.isEmpty()) {
            return;
        }
        Pending p = pending.pollFirst();
        fsyncCount++;
        StorageException failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
            p.done().done(failure);
            return;
        }
        durable = p.meta();
        p.done().done(null);
    }
}
