package io.raftsim.engine;

/** How the leader confirms a linearizable read (braft's {@code ReadOnlyOption}). */
public enum ReadMode {
    /**
     * Dissertation §6.4 ReadIndex: every read (or batch of reads) waits for a heartbeat round
     * acknowledged by a quorum. Safe whatever the clocks do.
     */
    SAFE,
    /**
     * Dissertation §6.4.1 leader lease: while a quorum acknowledged a heartbeat round sent less than
     * {@code electionTimeoutMs - maxClockDriftMs} ago (node-local time), the leader answers without a
     * round. Safe only if clocks drift less than {@code maxClockDriftMs} per election timeout; needs
     * CheckQuorum. When the lease has lapsed the read falls back to a ReadIndex round.
     */
    LEASE_BASED
}
