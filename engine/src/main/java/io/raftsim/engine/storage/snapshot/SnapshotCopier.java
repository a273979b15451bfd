package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The follower's side of braft's two-phase InstallSnapshot: created from the leader's {@link
 * SnapshotMeta} (phase one), it receives the files in bounded chunks (phase two), in any file
 * order but sequentially within a file; a chunk already received (a retransmission) is ignored.
 * {@link #finish} re-reads every file and checks it against the meta's size and CRC32C before
 * sealing the snapshot, so a corrupted transfer is a CORRUPT error, never an installed snapshot.
 */
public final class SnapshotCopier {
    private final SnapshotStorage storage;
    private final SnapshotMeta meta;
    /** Bytes received so far per file, in the meta's file order. */
    private final Map<String, Long> received = new LinkedHashMap<>();

    private boolean finished;

    SnapshotCopier(SnapshotStorage storage, SnapshotMeta meta) {
        this.storage = storage;
        this.meta = meta;
        for (SnapshotFileInfo f : meta.files()) {
            received.put(f.name(), 0L);
            storage.fs()
                    .open(AtomicFile.join(storage.tempPath(), f.name()), true)
                    .close();
        }
    }

    public SnapshotMeta meta() {
        return meta;
    }

    /** The next file still missing bytes, or null when every file is complete. */
    public String nextFile() {
        for (SnapshotFileInfo f : meta.files()) {
            if (received.get(f.name()) < f.sizeBytes()) {
                return f.name();
            }
        }
        return null;
    }

    /** The offset of the next chunk to request for {@code file}. */
    public long nextOffset(String file) {
        Long n = received.get(file);
        if (n == null) {
            throw new IllegalArgumentException("snapshot " + meta.lastIncludedIndex() + " has no file '" + file + "'");
        }
        return n;
    }

    public void writeChunk(SnapshotChunk chunk) {
        if (finished) {
            throw new IllegalStateException("snapshot copy already finished or abandoned");
        }
        long have = nextOffset(chunk.file());
        if (chunk.offset() + chunk.data().length <= have) {
            return; // a duplicate of what we have
        }
        if (chunk.offset() != have) {
            throw new IllegalArgumentException("chunk of " + chunk.file() + " at offset " + chunk.offset() + " but "
                    + have + " bytes received so far");
        }
        long size = meta.file(chunk.file()).sizeBytes();
        if (have + chunk.data().length > size) {
            throw new IllegalArgumentException("chunk of " + chunk.file() + " overruns its size " + size + ": " + have
                    + " + " + chunk.data().length);
        }
        try (FileHandle h = storage.fs().open(AtomicFile.join(storage.tempPath(), chunk.file()), false)) {
            h.write(have, chunk.data(), 0, chunk.data().length);
        }
        received.put(chunk.file(), have + chunk.data().length);
    }

    /** Verifies every file and seals the snapshot; {@code done} gets CORRUPT if a checksum fails. */
    public void finish(IoCallback done) {
        if (finished) {
            throw new IllegalStateException("snapshot copy already finished or abandoned");
        }
        if (nextFile() != null) {
            throw new IllegalStateException("snapshot copy incomplete: " + nextFile() + " has "
                    + received.get(nextFile()) + " of " + meta.file(nextFile()).sizeBytes() + " bytes");
        }
        finished = true;
        try {
            for (SnapshotFileInfo f : meta.files()) {
                try (FileHandle h = storage.fs().open(AtomicFile.join(storage.tempPath(), f.name()), false)) {
                    SnapshotReader.verify(storage.tempPath(), f, AtomicFile.readAll(h));
                }
            }
        } catch (StorageException e) {
            storage.abandonTemp();
            done.done(e);
            return;
        }
        storage.seal(meta, done);
    }

    /** Gives up (leader changed, transfer timed out): the temp directory is removed. */
    public void abandon() {
        if (!finished) {
            finished = true;
            storage.abandonTemp();
        }
    }
}
