package io.raftsim.engine.spi.fs;

import java.util.List;

/**
 * The engine's file system. Paths are '/'-separated and relative to the node's data root.
 *
 * <p>Semantics follow POSIX as the simulator models it (DESIGN.md section 3): writes land in a page
 * cache and are durable only after {@link FileHandle#fsync}; creating, renaming and deleting an
 * entry is durable only after {@link #syncDirectory} of its parent. Reads, writes and namespace
 * operations complete synchronously and throw {@link StorageException} on failure; fsyncs complete
 * asynchronously on the node's event loop, because they are slow and batching them is the point.
 */
public interface FileSystem {
    /** Opens a file for reading and writing, creating it (empty) if {@code create} and it is absent. */
    FileHandle open(String path, boolean create);

    boolean exists(String path);

    /** Names (not paths) of the entries of a directory, sorted; empty if the directory is absent. */
    List<String> list(String dir);

    /** Creates a directory and its parents if absent. */
    void mkdirs(String dir);

    /** Atomically replaces {@code to} with {@code from}. */
    void rename(String from, String to);

    /** Deletes a file, or an empty directory; absent is not an error. */
    void delete(String path);

    /** Makes the directory's entries (creations, renames, deletions) durable. */
    void syncDirectory(String dir, IoCallback done);
}
