package io.raftsim.engine.spi.fs.memory;

/** What a crash does to writes that were in the page cache but not yet fsynced. */
public enum CrashMode {
    /** Every unsynced write of every file is lost. */
    LOSE_UNSYNCED,
    /**
     * Per file, a seeded prefix of the unsynced writes survives, cut at a sector boundary: the
     * classic torn write (a record half on disk) that log recovery must cope with.
     */
    TORN_PREFIX,
    /**
     * Per file, each sector-sized unit of the unsynced writes independently survives or not, as
     * when the device writes back its cache in any order: a hole can be followed by later writes.
     */
    TORN_ANY_ORDER
}
