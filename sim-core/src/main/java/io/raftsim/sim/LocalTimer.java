package io.raftsim.sim;

/**
 * A timer set on a {@link NodeClock}: it fires when the node's local clock reaches {@link
 * #deadlineLocalNs()}. It is its own simulation event; the clock re-schedules it in virtual time
 * whenever its drift or offset changes.
 */
public final class LocalTimer extends Timer {
    private final NodeClock clock;
    final long deadlineLocalNs;
    final Runnable action;
    /** Neighbours in the clock's list of pending timers (creation order); null at the ends or when not pending. */
    LocalTimer prev;

    LocalTimer next;

    LocalTimer(NodeClock clock, long deadlineLocalNs, String kind, long digest, Runnable action) {
        super(kind, clock.node(), digest);
        this.clock = clock;
        this.deadlineLocalNs = deadlineLocalNs;
        this.action = java.util.Objects.requireNonNull(action, "action");
    }

    /** Node-local time at which the timer fires. */
    public long deadlineLocalNs() {
        return deadlineLocalNs;
    }

    /** Virtual time at which it is currently expected to fire, or -1 if it is no longer pending. */
    public long virtualFireTimeNs() {
        return isPending() ? timeNs() : -1;
    }

    @Override
    protected void fire() {
        clock.fire(this);
    }

    @Override
    public boolean cancel() {
        return clock.cancel(this);
    }
}
