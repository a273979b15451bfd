package io.raftsim.engine.runtime.jdk;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.IoCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A {@link FileHandle} over a {@link FileChannel}; fsync is {@code force(true)} on the sync thread. */
final class JdkFileHandle implements FileHandle {
    private final JdkFileSystem fs;
    private final String path;
    private final FileChannel channel;

    JdkFileHandle(JdkFileSystem fs, String path, FileChannel channel) {
        this.fs = fs;
        this.path = path;
        this.channel = channel;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw JdkFileSystem.translate("size of " + path, e);
        }
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int len) {
        try {
            return channel.read(ByteBuffer.wrap(dst, dstOff, len), offset);
        } catch (IOException e) {
            throw JdkFileSystem.translate("read " + path + " at " + offset, e);
        }
    }

    @Override
    public void write(long offset, byte[] src, int srcOff, int len) {
        ByteBuffer b = ByteBuffer.wrap(src, srcOff, len);
        long pos = offset;
        try {
            while (b.hasRemaining()) {
                pos += channel.write(b, pos);
            }
        } catch (IOException e) {
            throw JdkFileSystem.translate("write " + path + " at " + pos, e);
        }
    }

    @Override
    public void truncate(long size) {
        try {
            if (size < channel.size()) {
                channel.truncate(size);
            } else if (size > channel.size()) {
                channel.write(ByteBuffer.allocate(1), size - 1); // extend with zeros
            }
        } catch (IOException e) {
            throw JdkFileSystem.translate("truncate " + path + " to " + size, e);
        }
    }

    @Override
    public void fsync(IoCallback done) {
        fs.sync("fsync " + path, () -> channel.force(true), done);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw JdkFileSystem.translate("close " + path, e);
        }
    }
}
