package io.raftsim.engine;

/**
 * Completion of {@link RaftNode#readIndex} (braft's {@code ReadIndexClosure}). With OK the state
 * machine has applied at least {@code readIndex}, so reading it now is linearizable; with an error
 * nothing may be read ({@code readIndex} is then 0). {@code context} is the caller's, unchanged.
 */
@FunctionalInterface
public interface ReadIndexClosure {
    void run(Status status, long readIndex, byte[] context);
}
