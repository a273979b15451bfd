package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.FileHandle;

/**
 * One segment file as it is on disk (not the logical log, which may run ahead of the disk while
 * operations wait in the queue). The file is a sequence of {@link FrameCodec frames}; record
 * {@code firstIndex + i} starts at file offset {@code offsets[i]} and ends just before {@code
 * ends[i]} (it may span frames). {@code sizeBytes} is the file size: always a whole number of
 * frames, so the next append starts in a fresh frame.
 */
final class Segment {
    final long firstIndex;
    final FileHandle handle;
    final LongList offsets = new LongList();
    final LongList ends = new LongList();
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

    /** The file offset just past record {@code index}'s last byte (0 for {@code firstIndex - 1}). */
    long endOf(long index) {
        return index < firstIndex ? 0 : ends.get(Math.toIntExact(index - firstIndex));
    }

    /** Records a record at {@code [offset, end)}; it must lie after the previous one, inside the file. */
    void appendRecord(long offset, long end) {
        long prevEnd = offsets.size() == 0 ? 0 : ends.get(ends.size() - 1);
        if (offset < prevEnd || end <= offset || end > sizeBytes) {
            throw new IllegalStateException("segment " + name + ": record at [" + offset + ", " + end
                    + ") after a record ending at " + prevEnd + " in a file of " + sizeBytes + " bytes");
        }
        offsets.add(offset);
        ends.add(end);
    }

    /** Forgets records after {@code lastKept} (the caller cuts the file: {@link SegmentedLog}). */
    void truncateAfter(long lastKept) {
        int keep = (int) Math.max(0, lastKept - firstIndex + 1);
        offsets.truncate(keep);
        ends.truncate(keep);
    }

    @Override
    public String toString() {
        return name + "[" + firstIndex + ".." + lastIndex() + ", " + sizeBytes + "B]";
    }
}
