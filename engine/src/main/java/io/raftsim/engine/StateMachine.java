package io.raftsim.engine;

/**
 * The user's replicated state machine (braft's {@code StateMachine}). Every callback runs on the
 * node's event loop, in log order with respect to {@link #onApply}; none runs concurrently with
 * another. Snapshot callbacks arrive with part 2.
 */
public interface StateMachine {
    /** Committed DATA entries, in order, in batches. Run {@link Iterator#done()} closures with OK. */
    void onApply(Iterator iterator);

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
