package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/** Answer to a {@link PreVoteRequest}: granted ones carry the request's term, refusals the responder's. */
public record PreVoteResponse(String groupId, PeerId from, PeerId to, long term, boolean granted)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 40;
    }
}
