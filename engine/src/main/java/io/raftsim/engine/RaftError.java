package io.raftsim.engine;

/** Error codes carried by a {@link Status}, named after the errno-style codes braft uses. */
public enum RaftError {
    /** Success. */
    OK,
    /**
     * The task was refused before it was proposed: this node is not the leader (or is in ERROR).
     * Definite: the task will never be applied.
     */
    ENOTLEADER,
    /**
     * The leader stepped down (new term, CheckQuorum, storage error) after proposing the task:
     * braft's false negative, the entry may still commit under the next leader. Outcome unknown.
     */
    EPERM,
    /** {@link Task#expectedTerm()} does not match the leader's current term. */
    ESTALE,
    /** The node is busy: too many pending tasks, or (part 2) a transfer or a change in progress. */
    EBUSY,
    /** The request is malformed. */
    EINVAL,
    /** The node is shut down; for a task proposed before the shutdown the outcome is unknown. */
    ESHUTDOWN,
    /**
     * Try again later: a read arrived before the leader committed an entry of its term, no leader
     * is known, or the leader refused a forwarded read. Definite: nothing happened.
     */
    EAGAIN,
    /** No answer in time (a forwarded read whose reply was lost); nothing was served. */
    ETIMEDOUT,
    /** A storage failure: the node is in its sticky ERROR state until restarted. */
    EIO,
    /** The state machine threw from {@code onApply}: the node is in ERROR until restarted. */
    ESTATEMACHINE
}
