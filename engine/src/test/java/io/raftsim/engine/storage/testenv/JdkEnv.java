package io.raftsim.engine.storage.testenv;

import io.raftsim.engine.runtime.jdk.JdkClock;
import io.raftsim.engine.runtime.jdk.JdkFileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A real temporary directory through {@link JdkFileSystem}, driven on a {@link JdkClock} loop. */
public final class JdkEnv implements StorageEnv {
    /** A hang guard, not a timing assertion: an fsync on a temp dir takes milliseconds. */
    private static final long GUARD_SECONDS = 60;

    private final AtomicReference<Throwable> loopFailure = new AtomicReference<>();
    public final JdkClock clock = new JdkClock("test", loopFailure::set);
    public final JdkFileSystem fs;

    public JdkEnv(Path root) {
        this.fs = new JdkFileSystem(root, clock);
    }

    @Override
    public JdkFileSystem fs() {
        return fs;
    }

    @Override
    public <T> T call(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        clock.execute(() -> {
            try {
                f.complete(action.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return get(f);
    }

    @Override
    public StorageException await(Consumer<IoCallback> op) {
        CompletableFuture<StorageException> f = new CompletableFuture<>();
        clock.execute(() -> {
            try {
                op.accept(f::complete);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return get(f);
    }

    @Override
    public void drain() {
        // An empty task behind everything queued so far; completions posted later are awaited by await().
        call(() -> null);
    }

    @Override
    public void close() {
        fs.close();
        clock.close();
        if (loopFailure.get() != null) {
            throw new AssertionError("a task on the event loop failed", loopFailure.get());
        }
    }

    private static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("event loop did not answer within " + GUARD_SECONDS + " s", e);
        }
    }

    @Override
    public String toString() {
        return "jdk";
    }
}
