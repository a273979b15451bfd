package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.storage.snapshot.SnapshotChunk;

/**
 * A chunk of a snapshot file, or ({@code chunk == null}) a refusal: the leader no longer holds
 * snapshot {@code snapshotIndex} (it took a newer one), so the follower abandons the copy.
 */
public record GetFileResponse(
        String groupId, PeerId from, PeerId to, long term, long snapshotIndex, SnapshotChunk chunk)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 48 + (chunk == null ? 0 : chunk.data().length + chunk.file().length());
    }
}
