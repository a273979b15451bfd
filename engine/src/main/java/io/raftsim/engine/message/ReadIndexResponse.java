package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * The leader's answer to a {@link ReadIndexRequest}: on success {@code readIndex} is its commit
 * index at the time of the request, confirmed by a quorum round; on failure the read was refused
 * (no own-term commit yet, or leadership lost) and the follower reports that to its caller.
 */
public record ReadIndexResponse(
        String groupId, PeerId from, PeerId to, long term, long requestId, boolean success, long readIndex)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 49;
    }
}
