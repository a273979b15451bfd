package io.raftsim.engine.core.tracker;

import java.util.ArrayDeque;

/**
 * The bounded window of AppendEntries in flight to one follower, each remembered by the last index
 * it carried. Acknowledging index i frees every message whose last index is at most i.
 */
public final class Inflights {
    private final int capacity;
    private final ArrayDeque<Long> lastIndexes = new ArrayDeque<>();

    public Inflights(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Inflights capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean full() {
        return lastIndexes.size() >= capacity;
    }

    public int count() {
        return lastIndexes.size();
    }

    public void add(long lastIndex) {
        if (full()) {
            throw new IllegalStateException("Inflights window full (" + capacity + "), cannot add " + lastIndex);
        }
        Long tail = lastIndexes.peekLast();
        if (tail != null && lastIndex < tail) {
            throw new IllegalStateException("Inflights must grow: adding " + lastIndex + " after " + tail);
        }
        lastIndexes.addLast(lastIndex);
    }

    public void freeLe(long index) {
        while (!lastIndexes.isEmpty() && lastIndexes.peekFirst() <= index) {
            lastIndexes.pollFirst();
        }
    }

    /** Forgets the oldest message (presumed lost) so that one probe can go out. */
    public void freeFirst() {
        lastIndexes.pollFirst();
    }

    public void reset() {
        lastIndexes.clear();
    }
}
