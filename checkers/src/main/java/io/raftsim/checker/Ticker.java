package io.raftsim.checker;

/**
 * The checker's only source of time, injected through {@link CheckOptions#withTicker} so that the
 * simulation harness can check without reading the wall clock. It feeds the time limit (when there is
 * one) and the elapsed times in {@link CheckResult} and {@link KeyReport}; it never decides anything
 * else, so with no time limit the verdict cannot depend on it. With a {@link KeyScheduler} that runs
 * keys on several threads it is read from all of them, so it must then be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
    /** Nanoseconds from an arbitrary origin; only differences between two calls mean anything. */
    long nanos();

    /**
     * Time that never moves: every elapsed time is 0 and a time limit is never reached. For fully
     * deterministic runs (the harness), together with {@link CheckOptions#withoutTimeLimit()}.
     */
    Ticker NONE = () -> 0L;
}
