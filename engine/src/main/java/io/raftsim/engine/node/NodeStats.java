package io.raftsim.engine.node;

/** Counters of what a node did, for benchmarks (messages and fsyncs per commit) and tests. */
public final class NodeStats {
    long messagesSent;
    long messagesReceived;
    long logAppends;
    long metaWrites;
    long proposals;
    long applied;
    long snapshotsSaved;
    long snapshotsInstalling;
    long snapshotsInstalled;
    long snapshotsAbandoned;
    long snapshotChunkRetries;

    public long messagesSent() {
        return messagesSent;
    }

    public long messagesReceived() {
        return messagesReceived;
    }

    /** Log append calls issued (each is followed by one durability wait). */
    public long logAppends() {
        return logAppends;
    }

    public long metaWrites() {
        return metaWrites;
    }

    public long proposals() {
        return proposals;
    }

    public long appliedIndex() {
        return applied;
    }

    /** Local snapshots started (onSnapshotSave called). */
    public long snapshotsSaved() {
        return snapshotsSaved;
    }

    /** InstallSnapshot copies started on this follower. */
    public long snapshotsInstalling() {
        return snapshotsInstalling;
    }

    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    /** Copies given up (leader change, shutdown, leader dropped the snapshot). */
    public long snapshotsAbandoned() {
        return snapshotsAbandoned;
    }

    /** Chunk requests sent again because no answer came (a lost request or chunk). */
    public long snapshotChunkRetries() {
        return snapshotChunkRetries;
    }
}
