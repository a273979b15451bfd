package io.raftsim.sim;

/**
 * A 128-bit, order-sensitive fingerprint of the events a run executed. Two runs with the same seed,
 * options and code must end with the same value, in the same JVM or another one (the
 * FoundationDB-style "unseed" check); the first differing event changes it for good.
 */
public final class TraceHash {
    private long lane1 = 0x6a09e667f3bcc908L;
    private long lane2 = 0xbb67ae8584caa73bL;
    private long events;

    /** Folds one executed event into the hash. */
    public void fold(long timeNs, int kindHash, int node, long digest) {
        long e = StableHash.mix(timeNs ^ Long.rotateLeft(((long) kindHash << 32) | (node & 0xffffffffL), 21))
                ^ StableHash.mix(digest + 0x9e3779b97f4a7c15L);
        lane1 = StableHash.mix(lane1 ^ e);
        lane2 = Long.rotateLeft(lane2 + e, 29) * 0x9fb21c651e98df25L;
        events++;
    }

    public long high() {
        return lane1;
    }

    public long low() {
        return lane2;
    }

    /** Number of events folded in. */
    public long events() {
        return events;
    }

    /** The hash as 32 hex digits. */
    public String hex() {
        // Not String.format: the run driver takes a checkpoint every few thousand events.
        return hex16(lane1) + hex16(lane2);
    }

    static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    @Override
    public String toString() {
        return hex() + " (" + events + " events)";
    }
}
