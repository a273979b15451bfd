package io.raftsim.engine.node;

/** Counters of what a node did, for benchmarks (messages and fsyncs per commit) and tests. */
public final class NodeStats {
    long messagesSent;
    long messagesReceived;
    long logAppends;
    long metaWrites;
    long proposals;
    long applied;

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
}
