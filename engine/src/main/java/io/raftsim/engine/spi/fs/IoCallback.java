package io.raftsim.engine.spi.fs;

/** Completion of an asynchronous I/O operation: {@code error} is null on success. */
@FunctionalInterface
public interface IoCallback {
    void done(StorageException error);
}
