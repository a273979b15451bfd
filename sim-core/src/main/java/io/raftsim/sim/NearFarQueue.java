package io.raftsim.sim;

/**
 * The simulation's event queue: a {@link SortedRing} for events due soon and an {@link EventQueue}
 * heap for events due later (and for any overflow of the ring), popped in the same (time, seq)
 * order as one heap would pop them.
 *
 * <p>Why two: in a harness run about four in five pending events lie seconds ahead (client
 * timeouts that mostly end as no-ops, the fault schedule's later steps) while nearly every event
 * that runs was scheduled a few milliseconds earlier (message deliveries, disk completions, ticks).
 * Keeping the far ones apart leaves the structure that takes nearly all insertions and removals
 * small, so a sorted ring beats a heap there. Any split is correct: {@link #poll} takes the
 * smaller of the two heads, and a far event simply runs from the heap when its time comes.
 */
final class NearFarQueue {
    /** Events due more than this far ahead of now go to the heap. */
    static final long FAR_AFTER_NS = 100_000_000L;

    private final SortedRing near = new SortedRing();
    private final EventQueue far = new EventQueue();

    int size() {
        return near.size() + far.size();
    }

    boolean isEmpty() {
        return near.isEmpty() && far.isEmpty();
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTimeNs() {
        return farNext() ? far.peekTimeNs() : near.peekTimeNs();
    }

    void add(Timer t, long nowNs) {
        if (t.timeNs - nowNs > FAR_AFTER_NS || near.isFull()) {
            far.add(t);
        } else {
            near.add(t);
        }
    }

    /** Removes and returns the earliest event; only valid when not empty. */
    Timer poll() {
        return farNext() ? far.poll() : near.poll();
    }

    /**
     * Removes and returns the earliest event if it is due at or before {@code limitNs}; else (or
     * when empty) returns null. One call for the run loop's peek-then-poll, which decided twice
     * per event which of the two heads comes first.
     */
    Timer pollNotAfter(long limitNs) {
        if (far.isEmpty()) {
            return near.isEmpty() || near.peekTimeNs() > limitNs ? null : near.poll();
        }
        if (farNext()) {
            return far.peekTimeNs() > limitNs ? null : far.poll();
        }
        return near.peekTimeNs() > limitNs ? null : near.poll();
    }

    void remove(Timer t) {
        if (t.heapIndex != Timer.IN_RING) {
            far.remove(t);
        } else {
            near.remove(t);
        }
    }

    private boolean farNext() {
        if (far.isEmpty()) {
            return false;
        }
        if (near.isEmpty()) {
            return true;
        }
        long nt = near.peekTimeNs();
        long ft = far.peekTimeNs();
        return !(nt < ft || (nt == ft && near.peekSeq() < far.peekSeq()));
    }
}
