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
 * @param resendAfterMs a reader re-sends a read still unanswered after this long (ordinary clients
 *     wait a quarter of the op timeout): a read forwarded to a leader that just died would
 *     otherwise hold the reader, and a read has no effect, so asking again is always safe
 */
public record ReaderMix(
        int readers, int keys, long thinkUsMax, long backoffUsMin, long backoffUsMax, long resendAfterMs) {
    /**
     * Readers read every 0 to 2 ms, retry a refused read after 0.5 to 2.5 ms and re-send an
     * unanswered one after 25 ms.
     */
    public static final long DEFAULT_THINK_US_MAX = 2_000;

    public static final long DEFAULT_BACKOFF_US_MIN = 500;
    public static final long DEFAULT_BACKOFF_US_MAX = 2_500;
    public static final long DEFAULT_RESEND_AFTER_MS = 25;

    public ReaderMix {
        if (readers < 0 || keys < 1) {
            throw new IllegalArgumentException("readers >= 0 and keys >= 1 required, got " + readers + ", " + keys);
        }
        if (resendAfterMs < 1) {
            throw new IllegalArgumentException("resendAfterMs must be >= 1, got " + resendAfterMs);
        }
        if (thinkUsMax < 0 || backoffUsMin < 0 || backoffUsMax < backoffUsMin) {
            throw new IllegalArgumentException("need 0 <= thinkUsMax and 0 <= backoffUsMin <= backoffUsMax, got "
                    + thinkUsMax + ", " + backoffUsMin + ", " + backoffUsMax);
        }
    }

    /** No reader processes. */
    public static ReaderMix none() {
        return new ReaderMix(
                0, 1, DEFAULT_THINK_US_MAX, DEFAULT_BACKOFF_US_MIN, DEFAULT_BACKOFF_US_MAX, DEFAULT_RESEND_AFTER_MS);
    }

    /** {@code readers} readers over {@code keys} keys with the default pacing. */
    public static ReaderMix of(int readers, int keys) {
        return new ReaderMix(
                readers,
                keys,
                DEFAULT_THINK_US_MAX,
                DEFAULT_BACKOFF_US_MIN,
                DEFAULT_BACKOFF_US_MAX,
                DEFAULT_RESEND_AFTER_MS);
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
