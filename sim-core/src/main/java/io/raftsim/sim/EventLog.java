package io.raftsim.sim;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    /** The slot the next event goes to: {@code written % capacity}, kept so that no event divides. */
    private int next;

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
        int slot = next;
        times[slot] = timeNs;
        kinds[slot] = kind;
        nodes[slot] = node;
        digests[slot] = digest;
        written++;
        next = slot + 1 == capacity ? 0 : slot + 1;
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

    /**
     * The retained events as {@link #records()} lists them, but each {@link EventRecord} built only
     * when read: a fuzz campaign keeps the tail of every run in case the run fails, and most runs
     * pass, so building tens of thousands of records per run up front was wasted. The view reads
     * the ring as it is when read: take it once the simulation has stopped.
     */
    public List<EventRecord> view() {
        long first = Math.max(0, written - capacity);
        int size = (int) (written - first);
        return new AbstractList<>() {
            @Override
            public EventRecord get(int i) {
                Objects.checkIndex(i, size);
                long index = first + i;
                int slot = (int) (index % capacity);
                return new EventRecord(index, times[slot], kinds[slot], nodes[slot], digests[slot]);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * Where two runs that should be identical parted ways: the first position at which their
     * retained events differ (or one ran out), or empty if the logs agree.
     */
    public static Optional<Divergence> firstDivergence(List<EventRecord> a, List<EventRecord> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            EventRecord x = i < a.size() ? a.get(i) : null;
            EventRecord y = i < b.size() ? b.get(i) : null;
            if (x == null || !x.equals(y)) {
                return Optional.of(new Divergence(i, x, y));
            }
        }
        return Optional.empty();
    }

    /** The first differing position of two event logs; a side is null where that log ended. */
    public record Divergence(int position, EventRecord left, EventRecord right) {
        @Override
        public String toString() {
            return "runs diverge at logged event " + position + ": " + left + " vs " + right;
        }
    }
}
