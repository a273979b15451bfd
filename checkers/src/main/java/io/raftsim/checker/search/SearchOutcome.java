package io.raftsim.checker.search;

import java.util.List;

/**
 * What one search found. For {@link Status#LINEARIZABLE}, {@code linearization} is the order found
 * (op ids, info ops that took effect included). Otherwise it is the longest linearizable prefix
 * reached, {@code blockedOp} the op whose return could not be reached (-1 when the search stopped
 * early) and {@code statesBefore} the model states it could have seen (at most a few).
 */
public record SearchOutcome(
        Status status,
        int[] linearization,
        int blockedOp,
        List<Object> statesBefore,
        long configurations,
        long transitions,
        long elapsedNanos) {

    public enum Status {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        CONFIGURATION_BUDGET,
        MEMORY_BUDGET,
        TIME_BUDGET,
        CANCELLED
    }
}
