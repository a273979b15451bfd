package io.raftsim.engine;

/**
 * The committed entries of one {@code onApply} batch, in log order (braft's {@code Iterator}):
 *
 * <pre>{@code
 * for (; it.valid(); it.next()) {
 *     apply(it.data());
 *     if (it.done() != null) it.done().run(Status.ok());
 * }
 * }</pre>
 *
 * <p>{@link #done()} is the closure of the {@link Task} this entry came from, only on the leader
 * that accepted it and only if it is still pending; the state machine runs it. A state machine that
 * returns without consuming every entry has them counted as applied anyway.
 */
public interface Iterator {
    boolean valid();

    void next();

    long index();

    long term();

    byte[] data();

    /** The task's closure, or null (follower, restarted leader, or closure already failed). */
    Closure done();
}
