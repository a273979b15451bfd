package io.raftsim.engine.core.tracker;

/** How the leader replicates to one follower (etcd raft's progress states). */
public enum ProgressState {
    /** Next index unknown: one AppendEntries at a time until the follower accepts one. */
    PROBE,
    /** Follower in sync: AppendEntries pipelined optimistically, bounded by the in-flight window. */
    REPLICATE,
    /**
     * The entries this follower needs are compacted: an InstallSnapshot is under way; nothing else
     * but heartbeats goes to it until the follower answers (Raft paper §7).
     */
    SNAPSHOT
}
