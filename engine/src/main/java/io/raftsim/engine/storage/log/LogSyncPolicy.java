package io.raftsim.engine.storage.log;

/**
 * When the segmented log fsyncs what it appended. A protocol choice the benchmark compares: Raft
 * needs every entry durable before it is acknowledged (Raft paper §5.3, Figure 2 "persistent state
 * ... updated on stable storage before responding to RPCs"), not one fsync per entry.
 */
public enum LogSyncPolicy {
    /**
     * Group commit (braft's disk thread batches appends the same way): every append written while
     * an fsync is in flight shares the next one, so one fsync covers many entries and batches.
     */
    BATCHED,
    /**
     * Each entry is written and fsynced on its own before the next is written: the naive
     * write-then-sync loop. Same durability, one fsync (and one fsync latency) per entry.
     */
    PER_ENTRY
}
