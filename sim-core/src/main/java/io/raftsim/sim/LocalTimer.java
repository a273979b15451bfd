package io.raftsim.sim;

/**
 * A timer set on a {@link NodeClock}: it fires when the node's local clock reaches {@link
 * #deadlineLocalNs()}. The clock moves it in virtual time whenever its drift or offset changes.
 */
public final class LocalTimer implements Cancellable {
    private final NodeClock clock;
    final long deadlineLocalNs;
    final String kind;
    final long digest;
    final Runnable action;
    /** The virtual-time event currently standing for this timer; null once fired or cancelled. */
    Timer current;
    /** Neighbours in the clock's list of pending timers (creation order); null at the ends or when not pending. */
    LocalTimer prev;

    LocalTimer next;

    LocalTimer(NodeClock clock, long deadlineLocalNs, String kind, long digest, Runnable action) {
        this.clock = clock;
        this.deadlineLocalNs = deadlineLocalNs;
        this.kind = kind;
        this.digest = digest;
        this.action = action;
    }

    /** Node-local time at which the timer fires. */
    public long deadlineLocalNs() {
        return deadlineLocalNs;
    }

    /** Virtual time at which it is currently expected to fire, or -1 if it is no longer pending. */
    public long virtualFireTimeNs() {
        return current == null ? -1 : current.timeNs();
    }

    @Override
    public boolean cancel() {
        return clock.cancel(this);
    }

    @Override
    public boolean isPending() {
        return current != null;
    }
}
