package io.raftsim.workload.ops;

import io.raftsim.workload.SplitMix64;

/**
 * Dedicated writer processes, the write-side counterpart of {@link ReaderMix}: each writer is
 * pinned to one node and writes back to back through whichever leader that node names, so that as
 * soon as a new leader exists (and its followers know it) a write commits through it. Ordinary
 * clients try the servers they know in turn and wait out a whole attempt timeout on a leader that
 * was cut off; a writer instead asks its own node again after {@code resendAfterMs}, and its node
 * redirects it to the new leader the moment it learns of it (a node that names no leader, during an
 * election, passes the writer on to the next node). That is what makes the first
 * milliseconds of a new leader's term observable against what an old, deposed leader still
 * answers (dissertation §6.4.1: a lease must end before any follower may elect another leader).
 * Writers come on top of the op list the ordinary clients consume.
 *
 * @param writers writer processes; writer {@code i} starts every write at node {@code i mod nodes}
 * @param keys writes pick a key uniformly from {@code [0, keys)}
 * @param valueRange the workload's value range {@code [0, valueRange)}: writers write values above
 *     it, each its own ({@code valueRange + serial}), so that a read names the one write it saw.
 *     Writers always have writes in flight; with values that repeat, every read could have seen
 *     any of several, and the linearizability checker's search grows with them
 * @param thinkUsMax think time between a writer's writes, uniform in {@code [0, thinkUsMax]} microseconds
 * @param backoffUsMin a writer whose write was redirected sends it on after a back-off uniform in
 *     {@code [backoffUsMin, backoffUsMax]} microseconds (ordinary clients back off 5 to 25 ms)
 * @param resendAfterMs a writer whose write is still unanswered after this long asks its own node
 *     again (same request id, so the session table applies it at most once, dissertation §6.3);
 *     it does not send the write again to a node that holds it unanswered (for less than an
 *     ordinary client's attempt timeout)
 */
public record WriterMix(
        int writers,
        int keys,
        int valueRange,
        long thinkUsMax,
        long backoffUsMin,
        long backoffUsMax,
        long resendAfterMs) {
    /**
     * Writers think 0 to 100 ms between writes, send a redirected write on after 0.5 to 2.5 ms and
     * ask their node again after 10 ms without an answer: a lease outlives a follower's earliest
     * election by at most the drift margin (tens of milliseconds), so a writer must find a new
     * leader well within that. Writers need to be ready when a new leader takes office, not busy
     * before: thinking at most 100 ms, less than the shortest election timeout (150 ms), every
     * writer is waiting on a leader that was cut off by the time another can be elected, ready to
     * write through it. A light load also keeps the followers close behind the leader (a new
     * leader must repair a lagging follower's log before it commits) and the linearizability
     * checker's search in bounds.
     */
    public static final long DEFAULT_THINK_US_MAX = 100_000;

    public static final long DEFAULT_BACKOFF_US_MIN = 500;
    public static final long DEFAULT_BACKOFF_US_MAX = 2_500;
    public static final long DEFAULT_RESEND_AFTER_MS = 10;

    public WriterMix {
        if (writers < 0 || keys < 1 || valueRange < 1) {
            throw new IllegalArgumentException("writers >= 0, keys >= 1 and valueRange >= 1 required, got " + writers
                    + ", " + keys + ", " + valueRange);
        }
        if (resendAfterMs < 1) {
            throw new IllegalArgumentException("resendAfterMs must be >= 1, got " + resendAfterMs);
        }
        if (thinkUsMax < 0 || backoffUsMin < 0 || backoffUsMax < backoffUsMin) {
            throw new IllegalArgumentException("need 0 <= thinkUsMax and 0 <= backoffUsMin <= backoffUsMax, got "
                    + thinkUsMax + ", " + backoffUsMin + ", " + backoffUsMax);
        }
    }

    /** No writer processes. */
    public static WriterMix none() {
        return of(0, 1, 1);
    }

    /** {@code writers} writers over {@code keys} keys and values in {@code [0, valueRange)}, default pacing. */
    public static WriterMix of(int writers, int keys, int valueRange) {
        return new WriterMix(
                writers,
                keys,
                valueRange,
                DEFAULT_THINK_US_MAX,
                DEFAULT_BACKOFF_US_MIN,
                DEFAULT_BACKOFF_US_MAX,
                DEFAULT_RESEND_AFTER_MS);
    }

    /**
     * The writers' {@code serial}-th write (0, 1, ...): its key is drawn from the writers' own
     * stream, its value is {@code valueRange + serial}, written by no other op.
     */
    public OpSpec nextWrite(SplitMix64 r, long serial) {
        if (serial < 0) {
            throw new IllegalArgumentException("serial must be >= 0, got " + serial);
        }
        int key = keys == 1 ? 0 : r.nextInt(keys);
        return OpSpec.write(key, valueRange + serial, 0);
    }

    /** Think time before a writer's next write, in microseconds. */
    public long thinkUs(SplitMix64 r) {
        return r.between(0, thinkUsMax);
    }

    /** Back-off before a redirected write is sent on, in microseconds. */
    public long backoffUs(SplitMix64 r) {
        return r.between(backoffUsMin, backoffUsMax);
    }
}
