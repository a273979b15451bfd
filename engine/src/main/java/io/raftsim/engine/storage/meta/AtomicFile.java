package io.raftsim.engine.storage.meta;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Crash-atomic replacement of a small file, the classic sequence braft's meta storage and every
 * careful database uses: write {@code name.tmp}, fsync it, rename it over {@code name}, fsync the
 * directory. A crash at any point leaves either the old or the new contents under {@code name},
 * never a mix; a leftover temp file is garbage, removed on the next read.
 */
public final class AtomicFile {
    private AtomicFile() {}

    public static String tempName(String name) {
        return name.concat(".tmp"); // no invokedynamic concatenation: see join
    }

    public static String join(String dir, String name) {
        // Not dir + "/" + name: under the launcher's small inlining limits the invokedynamic
        // concatenation ran through method-handle frames, ~0.3% of a fuzz campaign's CPU (every meta
        // write and every log and snapshot file open joins paths).
        return dir.isEmpty()
                ? name
                : new StringBuilder(dir.length() + 1 + name.length())
                        .append(dir)
                        .append('/')
                        .append(name)
                        .toString();
    }

    /** The parent of a '/'-separated path; "" for a top-level entry. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * Creates {@code dir} and any missing ancestors; returns the directories that must be synced
     * (deepest first) before anything inside {@code dir} can be called durable: the parent of
     * each directory created, since a new directory entry is durable only once its parent is.
     */
    public static List<String> createDirs(FileSystem fs, String dir) {
        List<String> toSync = new ArrayList<>();
        String cur = dir;
        while (!cur.isEmpty() && !fs.exists(cur)) {
            toSync.add(parent(cur));
            cur = parent(cur);
        }
        fs.mkdirs(dir);
        return toSync;
    }

    /** Syncs each directory of {@code dirs} in turn, then calls {@code done}; stops at the first failure. */
    public static void syncAll(FileSystem fs, List<String> dirs, IoCallback done) {
        if (dirs.isEmpty()) {
            done.done(null);
            return;
        }
        fs.syncDirectory(dirs.get(0), err -> {
            if (err != null) {
                done.done(err);
            } else {
                syncAll(fs, dirs.subList(1, dirs.size()), done);
            }
        });
    }

    /**
     * Replaces {@code dir/name} with {@code bytes}; {@code done} runs once the new contents and the
     * rename are durable. Synchronous failures (open, write: ENOSPC, EIO) are thrown; asynchronous
     * ones (fsync, directory sync) go to {@code done}.
     */
    public static void write(FileSystem fs, String dir, String name, byte[] bytes, IoCallback done) {
        String tmp = join(dir, tempName(name));
        String target = join(dir, name);
        fs.delete(tmp);
        FileHandle h = fs.open(tmp, true);
        try {
            h.write(0, bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        h.fsync(err -> {
            h.close();
            if (err != null) {
                done.done(err);
                return;
            }
            try {
                fs.rename(tmp, target);
                fs.syncDirectory(dir, done);
            } catch (StorageException e) {
                done.done(e);
            }
        });
    }

    /**
     * Reads {@code dir/name} whole, or returns null if it does not exist. A leftover temp file from
     * a write that crashed before its rename is deleted (its contents were never promised).
     */
    public static byte[] readIfPresent(FileSystem fs, String dir, String name) {
        String tmp = join(dir, tempName(name));
        if (fs.exists(tmp)) {
            fs.delete(tmp);
        }
        String path = join(dir, name);
        if (!fs.exists(path)) {
            return null;
        }
        try (FileHandle h = fs.open(path, false)) {
            return readAll(h);
        }
    }

    /** Reads a whole file into memory (files here are small: meta records, segments up to their limit). */
    public static byte[] readAll(FileHandle h) {
        long size = h.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new StorageException(
                    StorageException.Kind.CORRUPT, h.path() + " is too large to read whole: " + size);
        }
        byte[] buf = new byte[(int) size];
        int pos = 0;
        while (pos < buf.length) {
            int n = h.read(pos, buf, pos, buf.length - pos);
            if (n < 0) {
                throw new StorageException(
                        StorageException.Kind.IO, h.path() + " ended at " + pos + " though its size is " + size);
            }
            pos += n;
        }
        return buf;
    }
}
