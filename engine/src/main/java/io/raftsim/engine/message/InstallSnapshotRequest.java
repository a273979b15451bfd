package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;

/**
 * Phase one of braft's two-phase InstallSnapshot (Raft paper §7): the leader sends only the
 * snapshot's meta; the follower then pulls the files with {@link GetFileRequest} and answers with
 * {@link InstallSnapshotResponse} only once the snapshot is verified, durable and loaded.
 */
public record InstallSnapshotRequest(String groupId, PeerId from, PeerId to, long term, SnapshotMeta meta)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 64 + meta.configuration().length + 32 * meta.files().size();
    }
}
