package io.raftsim.engine.spi.fs.memory;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;

/** An open file of a {@link MemoryFileSystem}; bound to its inode, so it survives a rename. */
final class MemoryFileHandle implements FileHandle {
    private final MemoryFileSystem fs;
    private final String path;
    private final Inode inode;
    /** The file system's crash epoch at open: a handle from before a crash is dead. */
    private final long epoch;

    private boolean closed;

    MemoryFileHandle(MemoryFileSystem fs, String path, Inode inode, long epoch) {
        this.fs = fs;
        this.path = path;
        this.inode = inode;
        this.epoch = epoch;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long size() {
        checkUsable();
        return inode.size();
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int len) {
        checkUsable();
        checkRange(offset, len);
        for (long[] bad : inode.readErrors) {
            if (offset < bad[0] + bad[1] && bad[0] < offset + len) {
                throw new StorageException(
                        StorageException.Kind.IO,
                        "read error (injected latent sector error) in " + path + " at [" + bad[0] + ", "
                                + (bad[0] + bad[1]) + "), read was [" + offset + ", " + (offset + len) + ")");
            }
        }
        return inode.read(offset, dst, dstOff, len);
    }

    @Override
    public void write(long offset, byte[] src, int srcOff, int len) {
        checkUsable();
        checkRange(offset, len);
        fs.checkSpace(path, Math.max(0, offset + len - inode.size()));
        inode.write(offset, src, srcOff, len);
        fs.countWrite(len);
    }

    @Override
    public void truncate(long size) {
        checkUsable();
        checkRange(size, 0);
        fs.checkSpace(path, Math.max(0, size - inode.size()));
        inode.truncate(size);
    }

    @Override
    public void fsync(IoCallback done) {
        checkUsable();
        fs.fsyncInode(path, inode, done);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("file handle " + path + " is closed");
        }
        if (epoch != fs.epoch()) {
            throw new IllegalStateException(
                    "file handle " + path + " was opened before a crash (epoch " + epoch + ", now " + fs.epoch() + ")");
        }
    }

    private void checkRange(long offset, int len) {
        if (offset < 0 || len < 0 || offset + len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "offset " + offset + " / length " + len + " out of range for in-memory file " + path);
        }
    }
}
