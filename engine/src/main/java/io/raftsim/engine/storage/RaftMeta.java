package io.raftsim.engine.storage;

import io.raftsim.engine.PeerId;

/** The durable hard state of Raft (paper Figure 2): current term and the vote cast in it. */
public record RaftMeta(long term, PeerId votedFor) {
    public static final RaftMeta INITIAL = new RaftMeta(0, null);

    public RaftMeta {
        if (term < 0) {
            throw new IllegalArgumentException("RaftMeta term must be >= 0, got " + term);
        }
    }
}
