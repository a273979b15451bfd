package io.raftsim.sim;

/** Why {@link Simulation#run} returned. */
public enum RunResult {
    /** No event left in the queue. */
    QUEUE_EMPTY,
    /** The step budget was used up; events remain. */
    STEP_BUDGET,
    /** The next event lies beyond the time limit; virtual time now equals the limit. */
    TIME_LIMIT,
    /** An event called {@link Simulation#stop()}. */
    STOPPED
}
