package io.raftsim.engine.core.quorum;

/** Outcome of counting votes so far. */
public enum VoteResult {
    /** Not decided: some voters have not answered and either outcome is still possible. */
    PENDING,
    LOST,
    WON
}
