package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * Raft paper Figure 2 RequestVote. {@code leadershipTransfer} marks a campaign started by
 * {@link TimeoutNow}: receivers then ignore leader stickiness (dissertation §3.10).
 */
public record RequestVoteRequest(
        String groupId,
        PeerId from,
        PeerId to,
        long term,
        long lastLogIndex,
        long lastLogTerm,
        boolean leadershipTransfer)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 49;
    }
}
