package io.raftsim.engine;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.RandomSource;
import io.raftsim.engine.spi.Transport;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import java.util.Objects;

/**
 * Everything a node talks to: its clock and event loop, the transport, its random source and its
 * storage. {@code snapshotStorage} may be null: the node then never snapshots nor compacts its log
 * and cannot receive an InstallSnapshot. The simulator and the JDK runtime each provide one; the node owns none of them (it does
 * not close the storage on shutdown: whoever created it does).
 */
public record NodeEnvironment(
        Clock clock,
        Transport transport,
        RandomSource random,
        LogStorage logStorage,
        MetaStorage metaStorage,
        SnapshotStorage snapshotStorage) {
    /** Without snapshots. */
    public NodeEnvironment(
            Clock clock, Transport transport, RandomSource random, LogStorage logStorage, MetaStorage metaStorage) {
        this(clock, transport, random, logStorage, metaStorage, null);
    }

    public NodeEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(logStorage, "logStorage");
        Objects.requireNonNull(metaStorage, "metaStorage");
    }
}
