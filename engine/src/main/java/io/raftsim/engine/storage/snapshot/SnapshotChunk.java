package io.raftsim.engine.storage.snapshot;

import java.util.Objects;

/** A piece of one snapshot file on its way to a follower (braft's GetFile response). */
public record SnapshotChunk(String file, long offset, byte[] data, boolean lastChunk) {
    public SnapshotChunk {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("chunk offset must be >= 0, got " + offset + " in " + file);
        }
    }
}
