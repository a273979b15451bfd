package io.raftsim.sim;

/**
 * One event in the {@link Simulation}'s queue: it runs at virtual time {@link #timeNs()}. Events at
 * the same time run in the order they were scheduled ({@link #seq()}), which is what makes a run a
 * pure function of its seed.
 *
 * <p>Most events are scheduled as a {@link Runnable} ({@link Simulation#scheduleAt(long, String,
 * int, long, Runnable)}). An object that stands for one pending thing of its own (a message on
 * the wire, a node-clock timer) can instead be its own event: subclass this, implement {@link
 * #fire()} and pass it to {@link Simulation#scheduleAt(long, Timer)}. Why both: the queue entry,
 * a lambda and the object it wraps were three allocations and two interface calls per message and
 * per engine timer, the simulator's most frequent events. A subclass may be scheduled again once
 * it is no longer pending (it fired or was cancelled); it then gets a new time and seq.
 */
public abstract class Timer implements Cancellable {
    /** {@link #heapIndex} of a timer that is not in the queue (new, ran or cancelled). */
    static final int NOT_PENDING = -1;

    /** {@link #heapIndex} of a timer in the {@link NearFarQueue}'s {@link SortedRing}. */
    static final int IN_RING = -2;

    final String kind;
    final int node;
    final long digest;
    /** Set each time it is scheduled. */
    long timeNs;

    long seq;
    private Simulation owner;

    /**
     * Where it waits: its slot in the {@link EventQueue} heap (0 or more), {@link #IN_RING} or
     * {@link #NOT_PENDING}. One int rather than an index plus a flag for which part of the queue
     * holds it: one is allocated per event.
     */
    int heapIndex = NOT_PENDING;

    /**
     * An event of {@code kind} on {@code node} whose trace digest is {@code digest}: the three
     * values the trace hash folds in, fixed for every time it is scheduled.
     */
    protected Timer(String kind, int node, long digest) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.node = node;
        this.digest = digest;
    }

    /** Called by the simulation when it schedules this event (it checked that it was not pending). */
    final void place(Simulation owner, long timeNs, long seq) {
        this.owner = owner;
        this.timeNs = timeNs;
        this.seq = seq;
    }

    /** What the event does when its time comes. */
    protected abstract void fire();

    /** Virtual time at which the event runs (last scheduled for), in nanoseconds. */
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

    /** Takes the event out of the queue; false if it was not pending. */
    @Override
    public boolean cancel() {
        return heapIndex != NOT_PENDING && owner.cancel(this);
    }

    @Override
    public boolean isPending() {
        return heapIndex != NOT_PENDING;
    }

    /** The event of a {@link Runnable} scheduled on the simulation. */
    static final class Action extends Timer {
        private final Runnable action;

        Action(String kind, int node, long digest, Runnable action) {
            super(kind, node, digest);
            this.action = java.util.Objects.requireNonNull(action, "action");
        }

        @Override
        protected void fire() {
            action.run();
        }
    }
}
