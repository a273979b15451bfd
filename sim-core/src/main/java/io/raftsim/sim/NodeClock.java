package io.raftsim.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's own clock over virtual time: {@code local = virtual * (1 + drift) + offset}
 * (DESIGN.md section 3). Changing the drift keeps the clock continuous (the offset is re-anchored
 * at the current instant), adding an offset or jumping moves it at once. Timers are set in local
 * time; after every change the pending ones are re-placed at the virtual instant where the local
 * clock reaches their deadline, so a drifting node's election timeout really fires early or late.
 */
public final class NodeClock {
    /** Drift is a fraction: 1e-4 = 100 ppm fast; a rate of 0 or below would stop or reverse time. */
    public static final double MAX_ABS_DRIFT = 0.5;

    /** Longs up to this magnitude (2^53) convert to double exactly. */
    private static final long EXACT_DOUBLE_NS = 1L << 53;

    /** Magnitudes up to 2^52 ns (52 days): differences and sums of two stay exactly representable. */
    private static final long SMALL_NS = 1L << 52;

    /** Virtual times from here on (about 146 years) are treated as never. */
    private static final double NEVER_NS = Long.MAX_VALUE / 2.0;

    private final Simulation sim;
    private final int node;
    private long anchorVirtualNs;
    private long anchorLocalNs;
    private double drift;
    /**
     * Pending timers in creation order, as an intrusive doubly linked list through {@link
     * LocalTimer#prev}/{@link LocalTimer#next}: O(1) to add and remove without boxing a key or
     * allocating a map entry per timer (every engine timer, zero-delay hand-offs included, passes
     * through here).
     */
    private LocalTimer head;

    private LocalTimer tail;
    private int pendingCount;

    public NodeClock(Simulation sim, int node, double drift, long offsetNs) {
        this.sim = sim;
        this.node = node;
        this.drift = checkDrift(drift);
        // local(v) = anchorLocal + (v - anchorVirtual) * (1 + drift) with anchorVirtual = 0.
        this.anchorVirtualNs = 0;
        this.anchorLocalNs = offsetNs;
    }

    public NodeClock(Simulation sim, int node) {
        this(sim, node, 0.0, 0L);
    }

    private static double checkDrift(double d) {
        if (!(Math.abs(d) <= MAX_ABS_DRIFT)) {
            throw new IllegalArgumentException(
                    "drift must be within [-" + MAX_ABS_DRIFT + ", " + MAX_ABS_DRIFT + "], got " + d);
        }
        return d;
    }

    public int node() {
        return node;
    }

    public double drift() {
        return drift;
    }

    /** The node's local time now. */
    public long nowNs() {
        return localAt(sim.nowNs());
    }

    /** The local time this clock shows at virtual time {@code virtualNs} (under the current drift). */
    public long localAt(long virtualNs) {
        long elapsedNs = virtualNs - anchorVirtualNs;
        if (drift == 0.0 && within(elapsedNs, EXACT_DOUBLE_NS)) {
            // What the formula below gives, without the floating point: the long converts to a
            // double exactly in this range, times 1.0 and floor change nothing. Most clocks run
            // undrifted most of the time, and every engine timer asks this.
            return anchorLocalNs + elapsedNs;
        }
        return anchorLocalNs + (long) Math.floor(elapsedNs * (1.0 + drift));
    }

    /** The earliest virtual time, not before now, at which the local clock shows {@code localNs}. */
    public long virtualTimeOf(long localNs) {
        long now = sim.nowNs();
        if (drift == 0.0
                && within(localNs, SMALL_NS)
                && within(anchorLocalNs, SMALL_NS)
                && within(anchorVirtualNs, SMALL_NS)) {
            // Undrifted, local time is virtual time plus a constant, so the first instant showing
            // localNs is exact integer arithmetic. In this range the general search below lands
            // on the same instant (its estimate is far from "never" and its corrections step to
            // the exact first instant), so the fast path changes no result.
            return Math.max(anchorVirtualNs + (localNs - anchorLocalNs), now);
        }
        if (localAt(now) >= localNs) {
            return now;
        }
        double estimate = anchorVirtualNs + Math.ceil((localNs - (double) anchorLocalNs) / (1.0 + drift));
        if (estimate >= NEVER_NS) {
            return Long.MAX_VALUE; // centuries away: "never", without overflowing
        }
        long v = (long) estimate;
        // Correct the double rounding in both directions so v is exactly the first instant.
        while (localAt(v) < localNs) {
            v++;
        }
        while (v - 1 > now && localAt(v - 1) >= localNs) {
            v--;
        }
        return Math.max(v, now);
    }

    /** {@code -bound <= x <= bound} (not Math.abs, which leaves Long.MIN_VALUE negative). */
    private static boolean within(long x, long bound) {
        return x >= -bound && x <= bound;
    }

    /** Sets the drift from now on; the local clock does not jump. */
    public void setDrift(double newDrift) {
        checkDrift(newDrift);
        reanchor();
        drift = newDrift;
        replaceTimers();
    }

    /** Moves the local clock by {@code deltaNs} (may be negative: the clock steps back). */
    public void addOffset(long deltaNs) {
        reanchor();
        anchorLocalNs += deltaNs;
        replaceTimers();
    }

    /** Sets the local clock to {@code localNs} now. */
    public void jumpTo(long localNs) {
        reanchor();
        anchorLocalNs = localNs;
        replaceTimers();
    }

    private void reanchor() {
        long now = sim.nowNs();
        anchorLocalNs = localAt(now);
        anchorVirtualNs = now;
    }

    /** Runs {@code action} when the local clock has advanced by {@code localDelayNs}. */
    public LocalTimer schedule(long localDelayNs, String kind, long digest, Runnable action) {
        if (localDelayNs < 0) {
            throw new IllegalArgumentException("localDelayNs must be >= 0, got " + localDelayNs + " for " + kind);
        }
        long now = nowNs();
        boolean overflows = now > 0 && localDelayNs > Long.MAX_VALUE - now;
        return scheduleAtLocal(overflows ? Long.MAX_VALUE : now + localDelayNs, kind, digest, action);
    }

    /**
     * Schedules {@code event} for this instant, after the events already due now: a hand-off to
     * the node's event loop ("run this next"), not a timer. It has no local deadline, so no clock
     * change moves it (a timer due at the current local time would wait out a backward step), and
     * it costs one event object instead of a {@link LocalTimer} in the clock's pending list.
     */
    public <T extends Timer> T scheduleNow(T event) {
        return sim.scheduleAt(sim.nowNs(), event);
    }

    /** Runs {@code action} when the local clock shows {@code deadlineLocalNs}. */
    public LocalTimer scheduleAtLocal(long deadlineLocalNs, String kind, long digest, Runnable action) {
        LocalTimer t = new LocalTimer(this, deadlineLocalNs, kind, digest, action);
        link(t);
        place(t);
        return t;
    }

    private void place(LocalTimer t) {
        sim.scheduleAt(virtualTimeOf(t.deadlineLocalNs), t);
    }

    /** {@code t}'s event runs: it is no longer pending. */
    void fire(LocalTimer t) {
        unlink(t);
        t.action.run();
    }

    private void link(LocalTimer t) {
        t.prev = tail;
        t.next = null;
        if (tail == null) {
            head = t;
        } else {
            tail.next = t;
        }
        tail = t;
        pendingCount++;
    }

    private void unlink(LocalTimer t) {
        if (t.prev == null) {
            head = t.next;
        } else {
            t.prev.next = t.next;
        }
        if (t.next == null) {
            tail = t.prev;
        } else {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        pendingCount--;
    }

    boolean cancel(LocalTimer t) {
        if (!sim.cancel(t)) {
            return false;
        }
        unlink(t);
        return true;
    }

    private void replaceTimers() {
        // In creation order, so equal fire times keep their original relative order.
        List<LocalTimer> all = new ArrayList<>(pendingCount);
        for (LocalTimer t = head; t != null; t = t.next) {
            all.add(t);
        }
        for (LocalTimer t : all) {
            sim.cancel(t);
            place(t);
        }
    }

    /** Local timers still waiting. */
    public int pendingTimers() {
        return pendingCount;
    }
}
