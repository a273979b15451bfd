package io.raftsim.engine.storage.testenv;

import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A file system plus the event loop its completions run on, so that one storage test can run on
 * the in-memory file system and on a real temporary directory alike.
 */
public interface StorageEnv extends AutoCloseable {
    FileSystem fs();

    /** Runs {@code action} on the event loop and returns its result. */
    <T> T call(Supplier<T> action);

    default void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Issues an asynchronous operation on the event loop and waits for its callback. */
    StorageException await(Consumer<IoCallback> op);

    /** Lets all outstanding asynchronous work complete. */
    void drain();

    @Override
    void close();

    /** The outcome of a callback, captured for assertions. */
    final class Result implements IoCallback {
        private boolean fired;
        private StorageException error;
        private int count;

        @Override
        public void done(StorageException e) {
            fired = true;
            error = e;
            count++;
        }

        public boolean fired() {
            return fired;
        }

        public StorageException error() {
            return error;
        }

        public int count() {
            return count;
        }
    }
}
