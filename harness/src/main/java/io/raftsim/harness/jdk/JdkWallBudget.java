package io.raftsim.harness.jdk;

import io.raftsim.harness.shrink.ShrinkBudget;
import java.time.Duration;

/**
 * A shrink budget in wall-clock time ({@code raftsim shrink --budget 10m}). It reads the real
 * clock, hence the {@code jdk} package; it only decides when to stop, never what a run does.
 */
public final class JdkWallBudget implements ShrinkBudget {
    private final long startNanos = System.nanoTime();
    private final long limitNanos;

    public JdkWallBudget(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("shrink budget must be > 0, got " + limit);
        }
        this.limitNanos = limit.toNanos();
    }

    @Override
    public boolean exhausted(int runs) {
        return (System.nanoTime() - startNanos) >= limitNanos;
    }

    /** Elapsed wall milliseconds since this budget was created. */
    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
