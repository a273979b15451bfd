package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.FileHandle;

/**
 * One segment file as it is on disk (not the logical log, which may run ahead of the disk while
 * operations wait in the queue). Records are contiguous: record {@code firstIndex + i} starts at
 * {@code offsets[i]}.
 */
final class Segment {
    final long firstIndex;
    final FileHandle handle;
    final LongList offsets = new LongList();
    String name;
    boolean open;
    long sizeBytes;

    Segment(long firstIndex, String name, boolean open, FileHandle handle) {
        this.firstIndex = firstIndex;
        this.name = name;
        this.open = open;
        this.handle = handle;
    }

    /** The last index held; {@code firstIndex - 1} when empty. */
    long lastIndex() {
        return firstIndex + offsets.size() - 1;
    }

    boolean contains(long index) {
        return index >= firstIndex && index <= lastIndex();
    }

    long offsetOf(long index) {
        return offsets.get(Math.toIntExact(index - firstIndex));
    }

    /** The byte just past record {@code index}. */
    long endOf(long index) {
        return index == lastIndex() ? sizeBytes : offsetOf(index + 1);
    }

    void appendRecord(long offset, int bytes) {
        if (offset != sizeBytes) {
            throw new IllegalStateException(
                    "segment " + name + ": record at offset " + offset + " but the segment ends at " + sizeBytes);
        }
        offsets.add(offset);
        sizeBytes = offset + bytes;
    }

    /** Forgets records after {@code lastKept} (the caller truncates the file). */
    void truncateAfter(long lastKept) {
        long newSize = lastKept < firstIndex ? 0 : endOf(lastKept);
        offsets.truncate((int) Math.max(0, lastKept - firstIndex + 1));
        sizeBytes = newSize;
    }

    @Override
    public String toString() {
        return name + "[" + firstIndex + ".." + lastIndex() + ", " + sizeBytes + "B]";
    }
}
