package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/** Raft paper Figure 2 RequestVote result. Sent only once the vote it reports is durable. */
public record RequestVoteResponse(String groupId, PeerId from, PeerId to, long term, boolean granted)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 40;
    }
}
