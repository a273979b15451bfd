package io.raftsim.engine.storage.log;

import java.util.Arrays;

/** A growable array of longs (record offsets), without boxing. */
final class LongList {
    private long[] values = new long[16];
    private int size;

    int size() {
        return size;
    }

    long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
        return values[i];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException("truncate to " + newSize + " of " + size);
        }
        size = newSize;
    }
}
