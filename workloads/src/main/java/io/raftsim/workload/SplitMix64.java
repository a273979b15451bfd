package io.raftsim.workload;

/**
 * A small seeded generator (SplitMix64, Steele et al. 2014) for the workload's own draws: fault
 * schedules, engine knobs and operations. Workloads do not depend on sim-core, so they carry their
 * own; the harness hands each generator a seed derived from the run's root seed and a stream name.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A seed for a named sub-stream, so that adding draws to one stream never shifts another. */
    public static long derive(long rootSeed, String streamName) {
        long h = rootSeed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < streamName.length(); i++) {
            h = mix(h + streamName.charAt(i));
        }
        return mix(h);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z0) {
        long z = z0;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in {@code [lo, hi]} (inclusive). */
    public long between(long lo, long hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        return lo + (nextLong() >>> 1) % (hi - lo + 1);
    }

    /** Uniform in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }
}
