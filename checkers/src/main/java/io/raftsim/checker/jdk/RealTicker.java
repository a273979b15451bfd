package io.raftsim.checker.jdk;

import io.raftsim.checker.Ticker;

/** The JVM's monotonic clock: the real-world {@link Ticker} the CLI and benchmarks use. */
public enum RealTicker implements Ticker {
    INSTANCE;

    @Override
    public long nanos() {
        return System.nanoTime();
    }
}
