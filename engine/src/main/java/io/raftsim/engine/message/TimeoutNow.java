package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/** Dissertation §3.10: the leader tells a caught-up follower to start an election at once. */
public record TimeoutNow(String groupId, PeerId from, PeerId to, long term) implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 32;
    }
}
