package io.raftsim.engine.storage.testenv;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.engine.spi.fs.memory.MemoryFsOptions;
import java.util.function.Consumer;
import java.util.function.Supplier;

public final class MemoryEnv implements StorageEnv {
    public final ManualClock clock = new ManualClock();
    public final MemoryFileSystem fs;

    public MemoryEnv(long seed) {
        this(MemoryFsOptions.DEFAULT, seed);
    }

    public MemoryEnv(MemoryFsOptions options, long seed) {
        this.fs = new MemoryFileSystem(clock, options, seed);
    }

    @Override
    public MemoryFileSystem fs() {
        return fs;
    }

    @Override
    public <T> T call(Supplier<T> action) {
        return action.get();
    }

    @Override
    public StorageException await(Consumer<IoCallback> op) {
        Result r = new Result();
        op.accept(r);
        clock.runUntilIdle();
        if (!r.fired()) {
            throw new AssertionError("callback never ran although the clock went idle");
        }
        return r.error();
    }

    @Override
    public void drain() {
        clock.runUntilIdle();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "memory";
    }
}
