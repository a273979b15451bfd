package io.raftsim.engine;

/**
 * Completion of an asynchronous request (braft's {@code Closure}). Runs exactly once, on the node's
 * event loop. For {@link RaftNode#apply(Task)} the state machine runs it from {@code onApply} (via
 * {@link Iterator#done()}) with OK, or the node runs it with an error status.
 */
@FunctionalInterface
public interface Closure {
    void run(Status status);
}
