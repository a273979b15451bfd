package io.raftsim.engine.core;

import io.raftsim.engine.Configuration;

/**
 * A membership change driven by the leader: first new voters catch up (dissertation §4.2.1, at
 * most {@code timeoutTicks}), then the configuration entries are proposed.
 */
final class MembershipChange {
    private final Configuration target;
    private final long marginEntries;
    private final int timeoutTicks;
    private int elapsedTicks;
    private boolean proposed;

    MembershipChange(Configuration target, long marginEntries, int timeoutTicks) {
        if (marginEntries < 0 || timeoutTicks < 1) {
            throw new IllegalArgumentException(
                    "need marginEntries >= 0 and timeoutTicks >= 1, got " + marginEntries + ", " + timeoutTicks);
        }
        this.target = target;
        this.marginEntries = marginEntries;
        this.timeoutTicks = timeoutTicks;
    }

    Configuration target() {
        return target;
    }

    long marginEntries() {
        return marginEntries;
    }

    int timeoutTicks() {
        return timeoutTicks;
    }

    boolean proposed() {
        return proposed;
    }

    void markProposed() {
        proposed = true;
    }

    /** Ticks until {@link #tick()} reports the time-out (at least 1). */
    int ticksUntilTimeout() {
        return Math.max(1, timeoutTicks - elapsedTicks);
    }

    /** {@code ticks} ticks of a stall, stopping one short of the time-out (see {@code Role.fastForward}). */
    void fastForward(long ticks) {
        elapsedTicks = Role.shortOf(elapsedTicks, ticks, timeoutTicks);
    }

    /** One tick of catching up; true when the catch-up timed out. */
    boolean tick() {
        return ++elapsedTicks >= timeoutTicks;
    }
}
