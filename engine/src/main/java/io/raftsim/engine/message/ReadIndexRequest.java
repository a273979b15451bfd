package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * A follower forwards a linearizable read to its leader (dissertation §6.4: "followers may also
 * serve reads by asking the leader for the current read index"). {@code requestId} is the
 * follower's, echoed in the answer.
 */
public record ReadIndexRequest(String groupId, PeerId from, PeerId to, long term, long requestId)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 40;
    }
}
