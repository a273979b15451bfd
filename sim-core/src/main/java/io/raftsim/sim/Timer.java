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
    /** Position in the heap, -1 once it ran or was cancelled; kept by {@link EventQueue}. */
    int heapIndex = -1;
    /** Which of the {@link NearFarQueue}'s heaps holds it. */
    boolean far;

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
        return heapIndex >= 0;
    }
}
