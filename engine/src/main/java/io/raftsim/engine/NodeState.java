package io.raftsim.engine;

/** Externally visible node states (braft's {@code State}). */
public enum NodeState {
    /** Created but {@link RaftNode#start()} not yet called. */
    UNINITIALIZED,
    FOLLOWER,
    /** Running the PreVote round (no term bump yet). */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER,
    /** A storage failure happened: sticky until the node is restarted. */
    ERROR,
    SHUTDOWN
}
