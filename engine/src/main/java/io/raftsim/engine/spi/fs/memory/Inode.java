package io.raftsim.engine.spi.fs.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file's contents in two versions: {@code durable} (what the platter holds) and the page-cache
 * view the node reads and writes. The difference is the list of pending ops, replayed onto the
 * durable bytes as fsyncs complete, or partly replayed on a torn crash.
 */
final class Inode implements FsNode {
    private byte[] current = new byte[0];
    private int currentSize;
    private byte[] durable = new byte[0];
    private int durableSize;
    private final List<PendingOp> pending = new ArrayList<>();
    private long nextSeq = 1;
    /** Latent sector errors: pairs {offset, length} whose reads fail with EIO. */
    final List<long[]> readErrors = new ArrayList<>();
    /** Non-zero: the next write lands this many bytes away from its offset. */
    long misdirectNextWriteBy;

    int size() {
        return currentSize;
    }

    int durableSize() {
        return durableSize;
    }

    long lastSeq() {
        return nextSeq - 1;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    int read(long offset, byte[] dst, int dstOff, int len) {
        if (offset >= currentSize) {
            return -1;
        }
        int n = (int) Math.min(len, currentSize - offset);
        System.arraycopy(current, (int) offset, dst, dstOff, n);
        return n;
    }

    void write(long offset, byte[] src, int srcOff, int len) {
        if (misdirectNextWriteBy != 0) {
            offset = Math.max(0, offset + misdirectNextWriteBy);
            misdirectNextWriteBy = 0;
        }
        byte[] bytes = Arrays.copyOfRange(src, srcOff, srcOff + len);
        pending.add(new PendingOp.Write(nextSeq++, offset, bytes));
        applyToCurrent(offset, bytes);
    }

    void truncate(long size) {
        pending.add(new PendingOp.Truncate(nextSeq++, size));
        setCurrentSize((int) size);
    }

    /** An fsync that covered ops up to {@code seq} succeeded: they reach the platter. */
    void makeDurable(long seq) {
        while (!pending.isEmpty() && pending.get(0).seq() <= seq) {
            applyToDurable(pending.remove(0));
        }
    }

    /**
     * An fsync covering ops up to {@code seq} failed with EIO. As Linux does, the dirty pages are
     * marked clean without reaching the disk: the node still reads its writes, a later fsync
     * "succeeds", and a crash reveals the loss. This is why an fsync must never be retried.
     */
    void dropPending(long seq) {
        while (!pending.isEmpty() && pending.get(0).seq() <= seq) {
            pending.remove(0);
        }
    }

    /**
     * A crash: the page cache is gone. The pending ops, split into sector-sized units in issue
     * order, reach the disk where {@code survives[unit]} is set (a torn prefix, or any subset for
     * a device that writes back in any order); units are applied in issue order.
     */
    void crash(boolean[] survives, int sectorBytes) {
        int unitNo = 0;
        for (PendingOp op : pending) {
            if (op instanceof PendingOp.Write w) {
                for (long[] unit : sectorUnits(w, sectorBytes)) {
                    if (survives[unitNo++]) {
                        byte[] part = Arrays.copyOfRange(
                                w.bytes(), (int) (unit[0] - w.offset()), (int) (unit[0] - w.offset() + unit[1]));
                        applyToDurable(new PendingOp.Write(w.seq(), unit[0], part));
                    }
                }
            } else if (survives[unitNo++]) {
                applyToDurable(op);
            }
        }
        pending.clear();
        current = Arrays.copyOf(durable, durable.length);
        currentSize = durableSize;
    }

    /** How many sector-sized units the pending ops split into (the range of a torn prefix). */
    int pendingUnits(int sectorBytes) {
        int n = 0;
        for (PendingOp op : pending) {
            n += op instanceof PendingOp.Write w ? sectorUnits(w, sectorBytes).size() : 1;
        }
        return n;
    }

    void flipBit(long offset, int bit) {
        if (offset < durableSize) {
            durable[(int) offset] ^= (byte) (1 << bit);
        }
        if (offset < currentSize) {
            current[(int) offset] ^= (byte) (1 << bit);
        }
    }

    private static List<long[]> sectorUnits(PendingOp.Write w, int sectorBytes) {
        List<long[]> units = new ArrayList<>();
        long pos = w.offset();
        long end = w.offset() + w.bytes().length;
        while (pos < end) {
            long boundary = (pos / sectorBytes + 1) * sectorBytes;
            long stop = Math.min(boundary, end);
            units.add(new long[] {pos, stop - pos});
            pos = stop;
        }
        return units;
    }

    private void applyToCurrent(long offset, byte[] bytes) {
        int end = Math.toIntExact(offset + bytes.length);
        if (end > currentSize) {
            setCurrentSize(end);
        }
        System.arraycopy(bytes, 0, current, (int) offset, bytes.length);
    }

    private void setCurrentSize(int size) {
        if (size > current.length) {
            current = Arrays.copyOf(current, Math.max(size, current.length * 2));
        } else if (size < currentSize) {
            Arrays.fill(current, size, currentSize, (byte) 0);
        }
        currentSize = size;
    }

    private void applyToDurable(PendingOp op) {
        if (op instanceof PendingOp.Write w) {
            int end = Math.toIntExact(w.offset() + w.bytes().length);
            if (end > durable.length) {
                durable = Arrays.copyOf(durable, Math.max(end, durable.length * 2));
            }
            System.arraycopy(w.bytes(), 0, durable, (int) w.offset(), w.bytes().length);
            durableSize = Math.max(durableSize, end);
        } else {
            int size = (int) ((PendingOp.Truncate) op).size();
            if (size > durable.length) {
                durable = Arrays.copyOf(durable, size);
            } else if (size < durableSize) {
                Arrays.fill(durable, size, durableSize, (byte) 0);
            }
            durableSize = size;
        }
    }
}
