package io.raftsim.engine;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.RandomSource;
import io.raftsim.engine.spi.Transport;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.MetaStorage;
import java.util.Objects;

/**
 * Everything a node talks to: its clock and event loop, the transport, its random source and its
 * storage. The simulator and the JDK runtime each provide one; the node owns none of them (it does
 * not close the storage on shutdown: whoever created it does).
 */
public record NodeEnvironment(
        Clock clock, Transport transport, RandomSource random, LogStorage logStorage, MetaStorage metaStorage) {
    public NodeEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(logStorage, "logStorage");
        Objects.requireNonNull(metaStorage, "metaStorage");
    }
}
