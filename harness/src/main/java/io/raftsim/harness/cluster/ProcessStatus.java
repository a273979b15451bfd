package io.raftsim.harness.cluster;

/** A simulated process's life, as the harness drives it. */
public enum ProcessStatus {
    UP,
    /** Stopped in the world: its events wait and run, late, on resume. */
    PAUSED,
    /** Crashed: volatile state and unsynced writes gone until it restarts from disk. */
    DOWN
}
