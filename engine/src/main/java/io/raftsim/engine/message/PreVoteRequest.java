package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * Dissertation §9.6 PreVote: "would you vote for me in {@code term}?" ({@code term} is the
 * sender's current term + 1). Receivers do not change their own term or vote.
 */
public record PreVoteRequest(String groupId, PeerId from, PeerId to, long term, long lastLogIndex, long lastLogTerm)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 48;
    }
}
