package io.raftsim.sim;

import java.util.Arrays;

/**
 * A 4-ary min-heap of {@link Timer}s ordered by (time, seq): half the depth of a binary heap, and
 * the four children of a node sit side by side in memory. The keys live in parallel primitive
 * arrays so that sifting compares longs in contiguous memory instead of chasing object pointers;
 * each timer remembers its slot so cancellation removes it eagerly (election timers are cancelled
 * far more often than they fire, and lazy deletion would let the heap fill with garbage).
 */
final class EventQueue {
    private long[] times = new long[256];
    private long[] seqs = new long[256];
    private Timer[] timers = new Timer[256];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTimeNs() {
        return times[0];
    }

    /** Insertion sequence of the earliest event; only valid when not empty. */
    long peekSeq() {
        return seqs[0];
    }

    void add(Timer t) {
        if (size == timers.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            timers = Arrays.copyOf(timers, n);
        }
        siftUp(size++, t, t.timeNs, t.seq);
    }

    Timer poll() {
        Timer top = timers[0];
        top.heapIndex = Timer.NOT_PENDING;
        int last = --size;
        Timer moved = timers[last];
        timers[last] = null;
        if (last > 0) {
            siftDown(0, moved, moved.timeNs, moved.seq);
        }
        return top;
    }

    void remove(Timer t) {
        int i = t.heapIndex;
        if (i < 0 || i >= size || timers[i] != t) {
            throw new IllegalStateException("timer " + t.seq + " is not in the queue (slot " + i + ")");
        }
        t.heapIndex = Timer.NOT_PENDING;
        int last = --size;
        Timer moved = timers[last];
        timers[last] = null;
        if (i == last) {
            return;
        }
        siftDown(i, moved, moved.timeNs, moved.seq);
        if (moved.heapIndex == i) {
            siftUp(i, moved, moved.timeNs, moved.seq);
        }
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void place(int i, Timer t, long time, long seq) {
        timers[i] = t;
        times[i] = time;
        seqs[i] = seq;
        t.heapIndex = i;
    }

    private void siftUp(int i, Timer t, long time, long seq) {
        while (i > 0) {
            int p = (i - 1) >>> 2;
            if (!less(time, seq, times[p], seqs[p])) {
                break;
            }
            place(i, timers[p], times[p], seqs[p]);
            i = p;
        }
        place(i, t, time, seq);
    }

    private void siftDown(int i, Timer t, long time, long seq) {
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (less(times[c], seqs[c], times[best], seqs[best])) {
                    best = c;
                }
            }
            if (!less(times[best], seqs[best], time, seq)) {
                break;
            }
            place(i, timers[best], times[best], seqs[best]);
            i = best;
        }
        place(i, t, time, seq);
    }
}
