package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.IndexDigits;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Snapshots on disk, braft's {@code LocalSnapshotStorage}: each complete snapshot is a directory
 * {@code snapshot_<lastIncludedIndex>} holding the user files and {@link SnapshotMeta#META_FILE};
 * a snapshot under construction lives in {@code temp} and becomes visible only by the rename
 * that follows its fsyncs. So a crash leaves either the old snapshot or the new one, complete,
 * and a leftover {@code temp} is garbage, removed on open.
 *
 * <p>One writer or copier at a time. After a storage failure every later operation throws it:
 * like the log and the meta, a snapshot failure puts the node in its ERROR state.
 */
public final class SnapshotStorage {
    public static final String TEMP_DIR = "temp";
    private static final String PREFIX = "snapshot_";

    private final FileSystem fs;
    private final String dir;
    private SnapshotMeta latest;
    private List<String> unsyncedParents;
    private boolean busy;
    private StorageException failure;

    private SnapshotStorage(FileSystem fs, String dir, SnapshotMeta latest, List<String> unsyncedParents) {
        this.fs = fs;
        this.dir = dir;
        this.latest = latest;
        this.unsyncedParents = unsyncedParents;
    }

    /**
     * Opens the snapshot directory (created if absent): removes a leftover temp directory and
     * snapshots older than the latest, and loads the latest snapshot's meta.
     *
     * @throws StorageException CORRUPT if the latest snapshot's meta is missing or fails its checksum
     */
    public static SnapshotStorage open(FileSystem fs, String dir) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(dir, "dir");
        List<String> created = AtomicFile.createDirs(fs, dir);
        deleteFlatDir(fs, AtomicFile.join(dir, TEMP_DIR));
        List<Long> indexes = new ArrayList<>();
        for (String name : fs.list(dir)) {
            if (name.startsWith(PREFIX)) {
                try {
                    indexes.add(Long.parseLong(name.substring(PREFIX.length())));
                } catch (NumberFormatException e) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT, "unrecognised snapshot directory " + dir + "/" + name);
                }
            }
        }
        indexes.sort(null);
        SnapshotMeta latest = null;
        if (!indexes.isEmpty()) {
            long newest = indexes.get(indexes.size() - 1);
            String metaPath = AtomicFile.join(snapshotPath(dir, newest), SnapshotMeta.META_FILE);
            if (!fs.exists(metaPath)) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, "latest snapshot has no meta file: " + metaPath);
            }
            try (FileHandle h = fs.open(metaPath, false)) {
                latest = SnapshotMetaCodec.decode(metaPath, AtomicFile.readAll(h));
            }
            if (latest.lastIncludedIndex() != newest) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        metaPath + " says index " + latest.lastIncludedIndex() + " but its directory is for " + newest);
            }
            for (long old : indexes.subList(0, indexes.size() - 1)) {
                deleteFlatDir(fs, snapshotPath(dir, old)); // a deletion interrupted by a crash
            }
        }
        return new SnapshotStorage(fs, dir, latest, created);
    }

    /** The latest complete snapshot's meta, if any. */
    public Optional<SnapshotMeta> latest() {
        checkUsable();
        return Optional.ofNullable(latest);
    }

    /** A reader of the latest complete snapshot, if any. */
    public Optional<SnapshotReader> openLatest() {
        checkUsable();
        return latest == null
                ? Optional.empty()
                : Optional.of(new SnapshotReader(fs, snapshotPath(dir, latest.lastIncludedIndex()), latest));
    }

    /** True if a snapshot up to {@code lastIncludedIndex} is no newer than what we hold (braft refuses it). */
    public boolean isStale(long lastIncludedIndex) {
        return latest != null && lastIncludedIndex <= latest.lastIncludedIndex();
    }

    /** Starts a local snapshot (the state machine's {@code onSnapshotSave}). */
    public SnapshotWriter create() {
        beginTemp();
        return new SnapshotWriter(this);
    }

    /**
     * Starts receiving a leader's snapshot; phase two of InstallSnapshot feeds it chunks.
     *
     * @throws IllegalStateException if the snapshot is stale (see {@link #isStale}) or another
     *     writer or copier is active
     */
    public SnapshotCopier beginCopy(SnapshotMeta remote) {
        checkUsable();
        if (isStale(remote.lastIncludedIndex())) {
            throw new IllegalStateException("stale snapshot refused: " + remote.lastIncludedIndex()
                    + " is not newer than the local snapshot " + latest.lastIncludedIndex());
        }
        beginTemp();
        return new SnapshotCopier(this, remote);
    }

    FileSystem fs() {
        return fs;
    }

    String tempPath() {
        return AtomicFile.join(dir, TEMP_DIR);
    }

    private void beginTemp() {
        checkUsable();
        if (busy) {
            throw new IllegalStateException("a snapshot is already being written in " + tempPath());
        }
        busy = true;
        deleteFlatDir(fs, tempPath());
        fs.mkdirs(tempPath());
    }

    void abandonTemp() {
        deleteFlatDir(fs, tempPath());
        busy = false;
    }

    void seal(SnapshotMeta meta, IoCallback done) {
        checkUsable();
        if (isStale(meta.lastIncludedIndex())) {
            abandonTemp();
            throw new IllegalStateException("snapshot " + meta.lastIncludedIndex()
                    + " is not newer than the local snapshot " + latest.lastIncludedIndex());
        }
        String temp = tempPath();
        String target = snapshotPath(dir, meta.lastIncludedIndex());
        List<Consumer<IoCallback>> steps = new ArrayList<>();
        for (SnapshotFileInfo f : meta.files()) {
            steps.add(cb -> fsyncFile(AtomicFile.join(temp, f.name()), cb));
        }
        steps.add(cb -> {
            byte[] bytes = SnapshotMetaCodec.encode(meta);
            FileHandle h = fs.open(AtomicFile.join(temp, SnapshotMeta.META_FILE), true);
            try {
                h.truncate(0);
                h.write(0, bytes, 0, bytes.length);
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
            h.fsync(err -> {
                h.close();
                cb.done(err);
            });
        });
        steps.add(cb -> fs.syncDirectory(temp, cb));
        steps.add(cb -> {
            fs.rename(temp, target);
            fs.syncDirectory(dir, cb);
        });
        if (!unsyncedParents.isEmpty()) {
            List<String> parents = unsyncedParents;
            unsyncedParents = List.of();
            steps.add(cb -> AtomicFile.syncAll(fs, parents, cb));
        }
        steps.add(cb -> {
            SnapshotMeta previous = latest;
            latest = meta;
            if (previous == null) {
                cb.done(null);
                return;
            }
            deleteFlatDir(fs, snapshotPath(dir, previous.lastIncludedIndex()));
            fs.syncDirectory(dir, cb);
        });
        IoSteps.run(steps, err -> {
            busy = false;
            if (err != null) {
                failure = err;
            }
            done.done(err);
        });
    }

    private void fsyncFile(String path, IoCallback cb) {
        FileHandle h = fs.open(path, false);
        h.fsync(err -> {
            h.close();
            cb.done(err);
        });
    }

    private void checkUsable() {
        if (failure != null) {
            throw new StorageException(
                    failure.kind(), "snapshot storage " + dir + " failed earlier: " + failure.getMessage(), failure);
        }
    }

    static String snapshotPath(String dir, long index) {
        return AtomicFile.join(dir, PREFIX + IndexDigits.of(index));
    }

    /** Deletes a directory of plain files (snapshots hold no subdirectories), then the directory. */
    private static void deleteFlatDir(FileSystem fs, String path) {
        if (!fs.exists(path)) {
            return;
        }
        for (String name : fs.list(path)) {
            fs.delete(AtomicFile.join(path, name));
        }
        fs.delete(path);
    }
}
