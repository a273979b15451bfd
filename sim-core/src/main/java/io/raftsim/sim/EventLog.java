package io.raftsim.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} executed events, in a ring buffer, for replay and for reporting where
 * two runs that should be identical diverged. Primitive arrays, so logging allocates nothing.
 */
public final class EventLog {
    private final int capacity;
    private final long[] times;
    private final String[] kinds;
    private final int[] nodes;
    private final long[] digests;
    private long written;

    public EventLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("eventLog capacity must be > 0, got " + capacity);
        }
        this.capacity = capacity;
        this.times = new long[capacity];
        this.kinds = new String[capacity];
        this.nodes = new int[capacity];
        this.digests = new long[capacity];
    }

    void append(long timeNs, String kind, int node, long digest) {
        int slot = (int) (written % capacity);
        times[slot] = timeNs;
        kinds[slot] = kind;
        nodes[slot] = node;
        digests[slot] = digest;
        written++;
    }

    /** Events ever appended (the ones before the window are forgotten). */
    public long written() {
        return written;
    }

    /** The retained events, oldest first; {@link EventRecord#index()} counts from the run's start. */
    public List<EventRecord> records() {
        long first = Math.max(0, written - capacity);
        List<EventRecord> out = new ArrayList<>((int) (written - first));
        for (long i = first; i < written; i++) {
            int slot = (int) (i % capacity);
            out.add(new EventRecord(i, times[slot], kinds[slot], nodes[slot], digests[slot]));
        }
        return out;
    }
}
