package io.raftsim.workload.ops;

import io.raftsim.workload.SplitMix64;

/**
 * Dedicated reader processes, as a Jepsen test runs many concurrent readers next to its writers:
 * each reader is pinned to one node and reads back to back, so that reads keep reaching every
 * node, including in the first milliseconds after an election, when a new leader's read path is
 * most fragile (dissertation §6.4: a leader must commit an entry of its term before it serves
 * reads; a lease must end before any follower may elect another leader). Readers come on top of
 * the op list the ordinary clients consume.
 *
 * @param readers reader processes; reader {@code i} reads at node {@code i mod nodes}
 * @param keys reads pick a key uniformly from {@code [0, keys)}
 * @param thinkUsMax think time between a reader's reads, uniform in {@code [0, thinkUsMax]} microseconds
 * @param backoffUsMin a reader whose read was refused retries after a back-off uniform in
 *     {@code [backoffUsMin, backoffUsMax]} microseconds (ordinary clients back off 5 to 25 ms)
 */
public record ReaderMix(int readers, int keys, long thinkUsMax, long backoffUsMin, long backoffUsMax) {
    /** Readers read every 0 to 2 ms and retry a refused read after 0.5 to 2.5 ms. */
    public static final long DEFAULT_THINK_US_MAX = 2_000;

    public static final long DEFAULT_BACKOFF_US_MIN = 500;
    public static final long DEFAULT_BACKOFF_US_MAX = 2_500;

    public ReaderMix {
        if (readers < 0 || keys < 1) {
            throw new IllegalArgumentException("readers >= 0 and keys >= 1 required, got " + readers + ", " + keys);
        }
        if (thinkUsMax < 0 || backoffUsMin < 0 || backoffUsMax < backoffUsMin) {
            throw new IllegalArgumentException("need 0 <= thinkUsMax and 0 <= backoffUsMin <= backoffUsMax, got "
                    + thinkUsMax + ", " + backoffUsMin + ", " + backoffUsMax);
        }
    }

    /** No reader processes. */
    public static ReaderMix none() {
        return new ReaderMix(0, 1, DEFAULT_THINK_US_MAX, DEFAULT_BACKOFF_US_MIN, DEFAULT_BACKOFF_US_MAX);
    }

    /** {@code readers} readers over {@code keys} keys with the default pacing. */
    public static ReaderMix of(int readers, int keys) {
        return new ReaderMix(readers, keys, DEFAULT_THINK_US_MAX, DEFAULT_BACKOFF_US_MIN, DEFAULT_BACKOFF_US_MAX);
    }

    /** A reader's next read, drawn from that reader's own stream. */
    public OpSpec nextRead(SplitMix64 r) {
        int key = keys == 1 ? 0 : r.nextInt(keys);
        return OpSpec.read(key, 0);
    }

    /** Think time before a reader's next read, in microseconds. */
    public long thinkUs(SplitMix64 r) {
        return r.between(0, thinkUsMax);
    }

    /** Back-off before a refused read is retried, in microseconds. */
    public long backoffUs(SplitMix64 r) {
        return r.between(backoffUsMin, backoffUsMax);
    }
}
