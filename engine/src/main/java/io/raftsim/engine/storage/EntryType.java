package io.raftsim.engine.storage;

/** The kinds of log entry. braft starts every leader's term with a configuration entry. */
public enum EntryType {
    /** A user command, applied through {@code StateMachine.onApply}. */
    DATA,
    /** A cluster configuration (peers, learners, and for joint consensus the old peers too). */
    CONFIGURATION
}
