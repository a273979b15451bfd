package io.raftsim.sim.jdk;

/**
 * Wall-clock elapsed time, for benchmarks only. It lives in the {@code jdk} package because it is
 * the one place outside the simulated path allowed to read the real clock.
 */
public final class JdkStopwatch {
    private final long startNanos = System.nanoTime();

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public double elapsedSeconds() {
        return elapsedNanos() / 1e9;
    }
}
