package io.raftsim.sim;

/**
 * One event in the {@link Simulation}'s queue: it runs {@code action} at virtual time {@link
 * #timeNs()}. Events at the same time run in the order they were scheduled ({@link #seq()}), which
 * is what makes a run a pure function of its seed.
 */
public final class Timer implements Cancellable {
    final long timeNs;
    final long seq;
    final String kind;
    final int node;
    final long digest;
    final Runnable action;
    private final Simulation owner;
    /** {@link #heapIndex} of a timer that ran or was cancelled. */
    static final int NOT_PENDING = -1;

    /** {@link #heapIndex} of a timer in the {@link NearFarQueue}'s {@link SortedRing}. */
    static final int IN_RING = -2;

    /**
     * Where it waits: its slot in the {@link EventQueue} heap (0 or more), {@link #IN_RING} or
     * {@link #NOT_PENDING}. One int rather than an index plus a flag for which part of the queue
     * holds it: without the flag a Timer is 56 bytes instead of 64, and one is allocated per
     * event.
     */
    int heapIndex = NOT_PENDING;

    Timer(Simulation owner, long timeNs, long seq, String kind, int node, long digest, Runnable action) {
        this.owner = owner;
        this.timeNs = timeNs;
        this.seq = seq;
        this.kind = kind;
        this.node = node;
        this.digest = digest;
        this.action = action;
    }

    /** Virtual time at which the event runs, in nanoseconds. */
    public long timeNs() {
        return timeNs;
    }

    /** Global insertion sequence: the tie-breaker between events at the same time. */
    public long seq() {
        return seq;
    }

    public String kind() {
        return kind;
    }

    public int node() {
        return node;
    }

    @Override
    public boolean cancel() {
        return owner.cancel(this);
    }

    @Override
    public boolean isPending() {
        return heapIndex != NOT_PENDING;
    }
}
