package io.raftsim.sim.disk;

/**
 * An open file on a {@link SimDisk}. Offsets are absolute. Reads and writes are synchronous against
 * the page cache; {@link #fsync} completes later on the simulation. A handle opened before a crash
 * is dead afterwards (its process died).
 */
public final class SimFile implements AutoCloseable {
    private final SimDisk disk;
    private final String path;
    /** {@code StableHash.of(path)}, folded into every fsync's trace digest: hashed once per open. */
    final long pathHash;

    final FsNode.Inode inode;
    private final long crashGeneration;
    private boolean closed;

    SimFile(SimDisk disk, String path, FsNode.Inode inode, long crashGeneration) {
        this.disk = disk;
        this.path = path;
        this.pathHash = io.raftsim.sim.StableHash.of(path);
        this.inode = inode;
        this.crashGeneration = crashGeneration;
    }

    public String path() {
        return path;
    }

    private void checkUsable() {
        if (closed) {
            throw new DiskException(DiskErrorKind.IO, "file " + path + " is closed");
        }
        if (crashGeneration != disk.crashGeneration()) {
            throw new DiskException(DiskErrorKind.IO, "file " + path + " was opened before a crash of " + disk.name());
        }
    }

    /** Size as the node sees it (page cache included). */
    public long size() {
        checkUsable();
        return inode.visible.size();
    }

    /** Reads up to {@code len} bytes at {@code offset}; returns the count, or -1 at end of file. */
    public int read(long offset, byte[] dst, int dstOff, int len) {
        checkUsable();
        return disk.read(this, offset, dst, dstOff, len);
    }

    /** Writes into the page cache; durable only after {@link #fsync}. */
    public void write(long offset, byte[] src, int srcOff, int len) {
        checkUsable();
        disk.write(this, offset, src, srcOff, len);
    }

    /** Sets the size; durable only after {@link #fsync}. */
    public void truncate(long size) {
        checkUsable();
        disk.truncate(this, size);
    }

    /**
     * Makes every change to this file made so far durable; {@code done} runs on the simulation
     * after the device's latency. On EIO the changes are lost and forgotten, as on Linux: a later
     * fsync succeeds although the data never reached the disk.
     */
    public void fsync(DiskCallback done) {
        checkUsable();
        disk.fsync(this, done);
    }

    @Override
    public void close() {
        closed = true;
    }
}
