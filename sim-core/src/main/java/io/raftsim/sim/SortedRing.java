package io.raftsim.sim;

/**
 * A bounded ring of {@link Timer}s kept sorted by (time, seq): popping the earliest is a read at
 * the head, and inserting walks back from the tail, which is where nearly every new event belongs
 * (it was scheduled after almost everything that is pending and for a little later). Holds the
 * events due soon; {@link NearFarQueue} sends the rest, and anything beyond the capacity, to a heap.
 */
final class SortedRing {
    static final int CAPACITY = 128;
    private static final int MASK = CAPACITY - 1;

    private final long[] times = new long[CAPACITY];
    private final long[] seqs = new long[CAPACITY];
    private final Timer[] timers = new Timer[CAPACITY];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size == CAPACITY;
    }

    long peekTimeNs() {
        return times[head];
    }

    long peekSeq() {
        return seqs[head];
    }

    /** Inserts {@code t}; the caller checked {@link #isFull()}. */
    void add(Timer t) {
        long time = t.timeNs;
        long seq = t.seq;
        int i = size;
        while (i > 0) {
            int p = (head + i - 1) & MASK;
            if (times[p] < time || (times[p] == time && seqs[p] < seq)) {
                break;
            }
            move(p, (head + i) & MASK);
            i--;
        }
        int slot = (head + i) & MASK;
        times[slot] = time;
        seqs[slot] = seq;
        timers[slot] = t;
        t.heapIndex = Timer.IN_RING; // the ring finds it by identity, not by index
        size++;
    }

    Timer poll() {
        Timer t = timers[head];
        timers[head] = null;
        head = (head + 1) & MASK;
        size--;
        t.heapIndex = Timer.NOT_PENDING;
        return t;
    }

    void remove(Timer t) {
        int i = 0;
        while (i < size && timers[(head + i) & MASK] != t) {
            i++;
        }
        if (i == size) {
            throw new IllegalStateException("timer " + t.seq + " is not in the ring of " + size);
        }
        for (; i < size - 1; i++) {
            move((head + i + 1) & MASK, (head + i) & MASK);
        }
        timers[(head + size - 1) & MASK] = null;
        size--;
        t.heapIndex = Timer.NOT_PENDING;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        timers[to] = timers[from];
    }
}
