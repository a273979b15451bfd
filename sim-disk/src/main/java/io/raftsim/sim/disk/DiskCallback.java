package io.raftsim.sim.disk;

/** Completion of an asynchronous disk operation; {@code error} is null on success. */
@FunctionalInterface
public interface DiskCallback {
    void done(DiskException error);
}
