package io.raftsim.sim.disk;

/** What a crash does to the writes that were not yet fsynced. */
public enum CrashMode {
    /** Every unsynced write is lost; the files hold exactly their durable bytes. */
    LOSE_UNSYNCED,
    /** The unsynced writes of each file reached the platter in order up to a random sector: a torn tail. */
    TORN_PREFIX,
    /** Each unsynced sector of each file independently made it or not: writeback in any order. */
    TORN_ANY_ORDER
}
