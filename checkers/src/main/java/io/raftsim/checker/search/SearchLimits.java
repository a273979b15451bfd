package io.raftsim.checker.search;

import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When a search must give up: after exploring {@code maxConfigurations} configurations, when its memo
 * holds about {@code maxMemoryBytes}, when {@code nanos} passes {@code deadlineNanos} (if there is
 * one), or when {@code cancelled} turns true (another key already found a violation). {@code nanos}
 * is the injected clock (see {@code io.raftsim.checker.Ticker}); it also times the search for its
 * report, and is never read for the budget when there is no deadline.
 */
public record SearchLimits(
        long maxConfigurations,
        long maxMemoryBytes,
        LongSupplier nanos,
        OptionalLong deadlineNanos,
        BooleanSupplier cancelled) {

    public SearchLimits {
        if (nanos == null || deadlineNanos == null || cancelled == null) {
            throw new IllegalArgumentException("nanos, deadlineNanos and cancelled are required, got " + nanos + ", "
                    + deadlineNanos + ", " + cancelled);
        }
    }

    /** Whether the deadline has passed; false without reading the clock when there is none. */
    public boolean pastDeadline() {
        // Difference, not comparison: nanoTime-style clocks may wrap.
        return deadlineNanos.isPresent() && nanos.getAsLong() - deadlineNanos.getAsLong() > 0;
    }
}
