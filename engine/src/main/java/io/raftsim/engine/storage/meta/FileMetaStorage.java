package io.raftsim.engine.storage.meta;

import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.RaftMeta;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * {@link MetaStorage} in one file, {@code dir/raft_meta}, replaced crash-atomically by {@link
 * AtomicFile} (braft's {@code FileBasedSingleMetaStorage}). Saves run one at a time in issue order
 * (two concurrent saves would share the temp file); their callbacks run in that order too. After
 * a failure every queued and later save fails with the same error: a failed fsync is never retried.
 */
public final class FileMetaStorage implements MetaStorage {
    public static final String FILE_NAME = "raft_meta";

    private final FileSystem fs;
    private final String dir;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    /** The last meta known durable: what a crash right now would leave behind. */
    private RaftMeta durable;

    private boolean saving;
    /** Ancestors to sync before the first save is durable: open() created directories. */
    private List<String> unsyncedParents;

    private StorageException failure;

    private record Pending(RaftMeta meta, IoCallback done) {}

    private FileMetaStorage(FileSystem fs, String dir, RaftMeta durable, List<String> unsyncedParents) {
        this.fs = fs;
        this.dir = dir;
        this.durable = durable;
        this.unsyncedParents = unsyncedParents;
    }

    /**
     * Opens (creating the directory if needed) and loads the meta. A leftover temp file is
     * removed; a corrupt meta file is a {@link StorageException} of kind CORRUPT.
     */
    public static FileMetaStorage open(FileSystem fs, String dir) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(dir, "dir");
        List<String> created = AtomicFile.createDirs(fs, dir);
        byte[] bytes = AtomicFile.readIfPresent(fs, dir, FILE_NAME);
        RaftMeta meta = bytes == null ? RaftMeta.INITIAL : MetaCodec.decode(AtomicFile.join(dir, FILE_NAME), bytes);
        return new FileMetaStorage(fs, dir, meta, created);
    }

    @Override
    public RaftMeta load() {
        return durable;
    }

    @Override
    public void save(RaftMeta meta, IoCallback done) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(done, "done");
        if (failure != null) {
            throw new StorageException(
                    failure.kind(), "meta storage failed earlier, refusing save: " + failure.getMessage(), failure);
        }
        queue.add(new Pending(meta, done));
        pump();
    }

    private void pump() {
        if (saving || failure != null || queue.isEmpty()) {
            return;
        }
        Pending p = queue.peek();
        saving = true;
        try {
            AtomicFile.write(fs, dir, FILE_NAME, MetaCodec.encode(p.meta()), err -> afterWrite(p, err));
        } catch (StorageException e) {
            fail(e);
        }
    }

    private void afterWrite(Pending p, StorageException err) {
        if (err != null) {
            fail(err);
            return;
        }
        if (!unsyncedParents.isEmpty()) {
            // The directory itself was created by open(): its entry in the parent must be durable
            // too, or a crash could lose the whole directory along with the "durable" meta.
            List<String> parents = unsyncedParents;
            unsyncedParents = List.of();
            try {
                AtomicFile.syncAll(fs, parents, e -> afterWrite(p, e));
            } catch (StorageException e) {
                fail(e);
            }
            return;
        }
        queue.poll();
        saving = false;
        durable = p.meta();
        p.done().done(null);
        pump();
    }

    private void fail(StorageException e) {
        failure = e;
        saving = false;
        while (!queue.isEmpty()) {
            queue.poll().done().done(e);
        }
    }
}
