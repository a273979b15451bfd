package io.raftsim.engine.testing;

import io.raftsim.engine.spi.RandomSource;
import java.util.SplittableRandom;

/** A seeded {@link RandomSource} for tests. */
public final class SeededRandom implements RandomSource {
    private final SplittableRandom random;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }
}
