package io.raftsim.engine;

import io.raftsim.engine.storage.snapshot.SnapshotReader;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;

/**
 * The user's replicated state machine (braft's {@code StateMachine}). Every callback runs on the
 * node's event loop, in log order with respect to {@link #onApply}; none runs concurrently with
 * another.
 */
public interface StateMachine {
    /** Committed DATA entries, in order, in batches. Run {@link Iterator#done()} closures with OK. */
    void onApply(Iterator iterator);

    /**
     * Save the state as of the last applied entry into {@code writer} (braft's
     * {@code on_snapshot_save}), then run {@code done} with OK, or with an error to give the snapshot
     * up. Capture the state before returning: writing the files and running {@code done} may happen
     * later (on the event loop), and entries applied meanwhile must not leak into this snapshot,
     * which covers exactly the entries applied when this callback ran.
     */
    default void onSnapshotSave(SnapshotWriter writer, Closure done) {
        done.run(Status.error(RaftError.EINVAL, "this state machine does not save snapshots"));
    }

    /**
     * Replace the whole state with the snapshot's (braft's {@code on_snapshot_load}): at start for the
     * latest local snapshot, and when the leader installed one. Throw if it cannot be loaded: the
     * node then stops in its ERROR state.
     */
    default void onSnapshotLoad(SnapshotReader reader) {
        throw new IllegalStateException("this state machine does not load snapshots, got " + reader.meta());
    }

    /** This node's leadership of {@code term} is established: the term's first entry committed. */
    default void onLeaderStart(long term) {}

    /** Leadership that {@link #onLeaderStart} announced has ended. */
    default void onLeaderStop(Status status) {}

    /** This follower learned the leader of a term. */
    default void onStartFollowing(LeaderChangeContext ctx) {}

    /** This follower stopped following {@code ctx.leaderId()} (new term, timeout, election). */
    default void onStopFollowing(LeaderChangeContext ctx) {}

    /** A (non-joint) configuration entry committed. */
    default void onConfigurationCommitted(Configuration conf) {}

    /** A storage failure: the node stopped and stays in ERROR until restarted. */
    default void onError(Status status) {}

    /** The node shut down; no callback follows. */
    default void onShutdown() {}
}
