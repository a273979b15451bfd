package io.raftsim.harness.invariant;

/**
 * A Raft safety property broke. Stops the run at once; the message names the invariant, the nodes,
 * the indexes and the terms involved.
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String invariant;

    public InvariantViolation(String invariant, String detail) {
        super(invariant + ": " + detail);
        this.invariant = invariant;
    }

    /** The invariant's name, e.g. {@code election-safety}; shrinking keeps it fixed. */
    public String invariant() {
        return invariant;
    }
}
