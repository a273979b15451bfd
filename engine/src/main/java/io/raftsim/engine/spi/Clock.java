package io.raftsim.engine.spi;

/**
 * Node-local time and the node's single event loop. Everything the engine does runs on that loop:
 * timers, I/O completions and inbound messages are all delivered through it, never concurrently.
 * The simulator implements this on virtual time (with per-node drift and offset); the JDK runtime
 * on {@link System#nanoTime()} and one thread per node.
 */
public interface Clock {
    /** Node-local monotonic time in nanoseconds. May jump or drift under a simulated clock fault. */
    long nowNanos();

    /** Runs {@code task} on the node's event loop after {@code delayNanos} of node-local time. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** Runs {@code task} on the node's event loop as soon as the current event has finished. */
    default void execute(Runnable task) {
        schedule(0, task);
    }
}
