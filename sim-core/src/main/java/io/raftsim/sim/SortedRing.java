package io.raftsim.sim;

/**
 * A bounded ring of {@link Timer}s kept sorted by (time, seq): popping the earliest is a read at
 * the head, and inserting shifts the events that belong after the new one by a slot. Holds the
 * events due soon; {@link NearFarQueue} sends the rest, and anything beyond the capacity, to a heap.
 *
 * <p>Why an insertion opens its gap from the nearer end: an event due now (the engine's zero-delay
 * hand-offs, a disk completion of a synchronous write) belongs at the head, so a walk from the tail
 * moved every pending near event for it; a message due in a millisecond also sits among the first
 * few. One comparison with the middle event picks the end with fewer events to move.
 *
 * <p>Why no sequence numbers are compared: timers are added in the order they were created, so a
 * new timer's seq exceeds every pending one's (checked on every add) and it goes after every event
 * due at the same time or earlier. The earliest event's seq, which the heap's head is compared
 * with, is read from its timer.
 */
final class SortedRing {
    static final int CAPACITY = 128;
    private static final int MASK = CAPACITY - 1;

    private final long[] times = new long[CAPACITY];
    private final Timer[] timers = new Timer[CAPACITY];
    private int head;
    private int size;
    /** The seq of the last timer added: every new one must come later (see the class comment). */
    private long lastSeq = Long.MIN_VALUE;

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
        return timers[head].seq;
    }

    /** Inserts {@code t}; the caller checked {@link #isFull()}. */
    void add(Timer t) {
        long time = t.timeNs;
        if (t.seq <= lastSeq) {
            throw new IllegalStateException(
                    "timer " + t.seq + " added to the ring after timer " + lastSeq + ": timers must come in seq order");
        }
        lastSeq = t.seq;
        int slot;
        if (size > 0 && time < times[(head + (size >>> 1)) & MASK]) {
            // Before the middle event: move the earlier events one slot towards the front.
            int old = head;
            int i = 0;
            while (true) {
                int p = (old + i) & MASK;
                if (times[p] > time) {
                    break;
                }
                move(p, (p - 1) & MASK);
                i++;
            }
            head = (old - 1) & MASK;
            slot = (old + i - 1) & MASK;
        } else {
            int i = size;
            while (i > 0) {
                int p = (head + i - 1) & MASK;
                if (times[p] <= time) {
                    break;
                }
                move(p, (head + i) & MASK);
                i--;
            }
            slot = (head + i) & MASK;
        }
        times[slot] = time;
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
        timers[to] = timers[from];
    }
}
