package io.raftsim.harness.jdk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the real process and of the calling thread, for the campaign's speed figures. The
 * machine may be shared, so wall time says little about the simulator's speed: issue 6's target
 * (2,000x faster than real time per core, checking included) is a ratio of simulated time to CPU
 * time. Reads the JDK's real accounting, hence the {@code jdk} package; it never feeds a run.
 */
public final class JdkCpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JdkCpuMeter() {}

    /** CPU nanoseconds the calling thread has used, or -1 if the JVM cannot tell. */
    public static long threadCpuNs() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            return -1;
        }
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * CPU nanoseconds (user + system) the whole process has used, all threads including the JIT
     * compilers and the garbage collector, or -1 if the JVM cannot tell.
     */
    public static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
