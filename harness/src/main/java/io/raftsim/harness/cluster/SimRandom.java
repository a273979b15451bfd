package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.RandomSource;
import io.raftsim.sim.RandomStream;

/** The engine's {@link RandomSource} on a named simulation stream (one per node). */
record SimRandom(RandomStream stream) implements RandomSource {
    @Override
    public long nextLong() {
        return stream.nextLong();
    }

    @Override
    public long nextLong(long bound) {
        return stream.nextLong(bound);
    }
}
