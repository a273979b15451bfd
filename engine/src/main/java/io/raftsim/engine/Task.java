package io.raftsim.engine;

import java.util.Objects;

/**
 * A command to replicate (braft's {@code Task}). {@code done} may be null. If {@code expectedTerm}
 * is not {@link #ANY_TERM}, the leader rejects the task with {@link RaftError#ESTALE} unless its
 * current term equals it: a client that saw leadership in term T can make sure its command is
 * not executed by a later leader.
 */
public record Task(byte[] data, Closure done, long expectedTerm) {
    public static final long ANY_TERM = -1;

    public Task {
        Objects.requireNonNull(data, "data");
        if (expectedTerm < ANY_TERM) {
            throw new IllegalArgumentException("expectedTerm must be >= 0 or ANY_TERM (-1), got " + expectedTerm);
        }
    }

    public static Task of(byte[] data, Closure done) {
        return new Task(data, done, ANY_TERM);
    }
}
