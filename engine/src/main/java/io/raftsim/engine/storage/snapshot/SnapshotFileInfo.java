package io.raftsim.engine.storage.snapshot;

import java.util.Objects;

/** One user file of a snapshot with its size and CRC32C, checked on every read and after a copy. */
public record SnapshotFileInfo(String name, long sizeBytes, int crc32c) {
    public SnapshotFileInfo {
        Objects.requireNonNull(name, "name");
        SnapshotMeta.checkFileName(name);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("snapshot file " + name + " size must be >= 0, got " + sizeBytes);
        }
    }
}
