package io.raftsim.sim.jdk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall-clock and this thread's CPU time, for benchmarks only. It lives in the {@code jdk} package
 * because it is the one place outside the simulated path allowed to read real clocks. CPU time
 * measures "on one core" even on a machine shared with other work, where wall time does not.
 */
public final class JdkStopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long startNanos = System.nanoTime();
    private final long startCpuNanos = cpuNow();

    private static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU seconds this thread used since the start, or wall seconds where CPU time is unsupported. */
    public double cpuSeconds() {
        long now = cpuNow();
        return now < 0 || startCpuNanos < 0 ? elapsedSeconds() : (now - startCpuNanos) / 1e9;
    }
}
