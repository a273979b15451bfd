package io.raftsim.workload.nemesis;

import java.util.Objects;

/**
 * A fault active in virtual time {@code [atMs, atMs + durationMs)}. Instant faults (a clock jump, a
 * bit flip, a leader transfer, a forced snapshot) have duration 0. For a kill the duration is the
 * downtime; for remove-readd, the time until the node is added back.
 */
public record FaultEvent(long atMs, long durationMs, Fault fault) implements Comparable<FaultEvent> {
    public FaultEvent {
        if (atMs < 0) {
            throw new IllegalArgumentException("fault event atMs must be >= 0, got " + atMs);
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("fault event durationMs must be >= 0, got " + durationMs);
        }
        Objects.requireNonNull(fault, "fault");
    }

    public long endMs() {
        return atMs + durationMs;
    }

    /** Orders by start time; ties keep the schedule's order (the sort is stable). */
    @Override
    public int compareTo(FaultEvent o) {
        return Long.compare(atMs, o.atMs);
    }
}
