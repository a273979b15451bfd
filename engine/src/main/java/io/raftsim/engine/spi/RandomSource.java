package io.raftsim.engine.spi;

/**
 * The engine's only source of randomness (election timeouts). Injected and seeded, so that a
 * simulated run is reproducible; the JDK runtime may seed it from anything.
 */
public interface RandomSource {
    long nextLong();

    /** Uniform in {@code [0, bound)}; {@code bound > 0}. */
    default long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long r = nextLong() >>> 1;
        return r % bound;
    }
}
