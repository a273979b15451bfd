package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot being written by the state machine ({@code onSnapshotSave}): files go into the
 * storage's temp directory; {@link #commit} seals them into a complete snapshot atomically.
 */
public final class SnapshotWriter {
    private final SnapshotStorage storage;
    private final List<SnapshotFileInfo> files = new ArrayList<>();
    private boolean finished;

    SnapshotWriter(SnapshotStorage storage) {
        this.storage = storage;
    }

    /** Writes a whole user file (into the page cache; commit makes it durable). */
    public void writeFile(String name, byte[] data) {
        checkOpen();
        SnapshotMeta.checkFileName(name);
        if (files.stream().anyMatch(f -> f.name().equals(name))) {
            throw new IllegalArgumentException("snapshot file '" + name + "' written twice");
        }
        try (FileHandle h = storage.fs().open(AtomicFile.join(storage.tempPath(), name), true)) {
            h.truncate(0);
            h.write(0, data, 0, data.length);
        }
        files.add(new SnapshotFileInfo(name, data.length, SnapshotReader.crc(data)));
    }

    public List<SnapshotFileInfo> files() {
        return List.copyOf(files);
    }

    /**
     * Seals the snapshot: fsync every file, write and fsync the meta, sync the temp directory,
     * rename it to {@code snapshot_<index>}, sync the parent, delete older snapshots. {@code done}
     * runs once the snapshot is durable; a crash before that leaves the previous snapshot.
     */
    public void commit(long lastIncludedIndex, long lastIncludedTerm, byte[] configuration, IoCallback done) {
        checkOpen();
        finished = true;
        storage.seal(new SnapshotMeta(lastIncludedIndex, lastIncludedTerm, configuration, files), done);
    }

    /** Gives up on this snapshot (the state machine failed to save it). */
    public void abandon() {
        checkOpen();
        finished = true;
        storage.abandonTemp();
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("snapshot writer already committed or abandoned");
        }
    }
}
