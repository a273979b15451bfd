package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * Phase two of InstallSnapshot (braft's GetFile): the follower asks for at most {@code maxBytes}
 * of {@code file} of snapshot {@code snapshotIndex} from {@code offset}. The follower drives the
 * copy, so a lost request or chunk is simply asked for again.
 */
public record GetFileRequest(
        String groupId, PeerId from, PeerId to, long term, long snapshotIndex, String file, long offset, int maxBytes)
        implements RaftMessage {
    @Override
    public int sizeBytes() {
        return 64 + file.length();
    }
}
