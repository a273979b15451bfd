package io.raftsim.checker.search;

import java.util.function.BooleanSupplier;

/**
 * When a search must give up: after exploring {@code maxConfigurations} configurations, when its memo
 * holds about {@code maxMemoryBytes}, at {@code deadlineNanos} ({@link System#nanoTime} scale), or
 * when {@code cancelled} turns true (another key already found a violation).
 */
public record SearchLimits(
        long maxConfigurations, long maxMemoryBytes, long deadlineNanos, BooleanSupplier cancelled) {}
