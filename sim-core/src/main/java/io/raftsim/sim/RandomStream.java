package io.raftsim.sim;

/**
 * One named stream of pseudo-random numbers: xoshiro256** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2018), seeded through SplitMix64 as its authors recommend. Fast,
 * well tested, and fully determined by its 64-bit seed. Not thread-safe: the simulation has one
 * thread.
 */
public final class RandomStream {
    private final String name;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    RandomStream(String name, long seed) {
        this.name = name;
        long x = seed;
        x += 0x9e3779b97f4a7c15L;
        s0 = StableHash.mix(x);
        x += 0x9e3779b97f4a7c15L;
        s1 = StableHash.mix(x);
        x += 0x9e3779b97f4a7c15L;
        s2 = StableHash.mix(x);
        x += 0x9e3779b97f4a7c15L;
        s3 = StableHash.mix(x);
    }

    public String name() {
        return name;
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound + " (stream " + name + ")");
        }
        long m = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        // Reject the top partial bucket so every residue is equally likely.
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) {}
        return r;
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in {@code [lo, hi]} inclusive. */
    public long nextLongBetween(long lo, long hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("need lo <= hi, got " + lo + ".." + hi + " (stream " + name + ")");
        }
        if (hi == lo) {
            return lo;
        }
        return lo + nextLong(hi - lo + 1);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}; always draws exactly one number so call counts stay stable. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }
}
