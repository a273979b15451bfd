package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * The end of an InstallSnapshot. {@code success}: the snapshot up to {@code lastIncludedIndex} is
 * installed and the follower's log continues after it. A refusal (the snapshot is not newer than
 * what the follower has committed, or it failed to install) carries the follower's last log index
 * as a hint for probing.
 */
public record InstallSnapshotResponse(
        String groupId, PeerId from, PeerId to, long term, long lastIncludedIndex, boolean success, long lastLogIndex)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 49;
    }
}
