package io.raftsim.sim.disk;

import java.util.Arrays;

/** A file's bytes (durable or as the page cache shows them), growable. */
final class ByteImage {
    /** Files are small in simulation; this keeps offsets in int range with a clear error. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 16;

    private byte[] bytes;
    private int size;

    ByteImage() {
        this(new byte[0], 0);
    }

    private ByteImage(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    ByteImage copy() {
        return new ByteImage(Arrays.copyOf(bytes, size), size);
    }

    int size() {
        return size;
    }

    static void checkRange(long offset, long len) {
        if (offset < 0 || len < 0 || offset + len > MAX_SIZE) {
            throw new DiskException(DiskErrorKind.IO, "range " + offset + "+" + len + " outside 0.." + MAX_SIZE);
        }
    }

    void write(long offset, byte[] src, int srcOff, int len) {
        int end = (int) (offset + len);
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
        }
        System.arraycopy(src, srcOff, bytes, (int) offset, len);
        size = Math.max(size, end);
    }

    void truncate(long newSize) {
        int n = (int) newSize;
        if (n < size) {
            Arrays.fill(bytes, n, size, (byte) 0);
        } else if (n > bytes.length) {
            bytes = Arrays.copyOf(bytes, n);
        }
        size = n;
    }

    int read(long offset, byte[] dst, int dstOff, int len) {
        if (offset >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - offset);
        System.arraycopy(bytes, (int) offset, dst, dstOff, n);
        return n;
    }

    byte get(int i) {
        return bytes[i];
    }

    void flipBit(int offset, int bit) {
        bytes[offset] ^= (byte) (1 << bit);
    }
}
