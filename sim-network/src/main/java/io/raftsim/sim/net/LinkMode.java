package io.raftsim.sim.net;

/** Delivery semantics of a directed link. */
public enum LinkMode {
    /**
     * TCP-like (braft runs on brpc over TCP): FIFO per link, never duplicates; a partition, a crash
     * of either end, an explicit reset or a loss event breaks the connection and drops everything
     * in flight on it.
     */
    STREAM,
    /** UDP-like: each message travels on its own, so jitter reorders; messages may be duplicated. */
    DATAGRAM
}
