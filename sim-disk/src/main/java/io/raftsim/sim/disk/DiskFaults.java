package io.raftsim.sim.disk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The switchable faults of one disk. Probabilities are drawn from the disk's own named streams
 * (one per fault kind), so switching one fault on does not shift another's draws. All are off by
 * default.
 */
public final class DiskFaults {
    /** A file range whose reads fail (a latent sector error). */
    public record ReadErrorRange(String path, long offset, long length) {
        public ReadErrorRange {
            if (offset < 0 || length <= 0) {
                throw new IllegalArgumentException(
                        "read error range needs offset >= 0 and length > 0, got " + offset + "+" + length);
            }
        }

        boolean overlaps(String p, long off, long len) {
            return path.equals(p) && off < offset + length && offset < off + len;
        }
    }

    private double fsyncErrorProbability;
    private int failNextFsyncs;
    private double readErrorProbability;
    private final List<ReadErrorRange> readErrors = new ArrayList<>();
    /** A read-only view, made once: every read of the disk asks for it. */
    private final List<ReadErrorRange> readErrorsView = Collections.unmodifiableList(readErrors);

    private double misdirectedWriteProbability;
    private double tornCrashProbability;
    private boolean full;

    private static double probability(String field, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a probability in [0, 1], got " + p);
        }
        return p;
    }

    /** Each fsync or directory sync fails with EIO with this probability (its dirty pages are dropped). */
    public DiskFaults fsyncErrorProbability(double p) {
        fsyncErrorProbability = probability("fsyncErrorProbability", p);
        return this;
    }

    /** The next {@code n} fsyncs or directory syncs fail with EIO. */
    public DiskFaults failNextFsyncs(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("failNextFsyncs must be >= 0, got " + n);
        }
        failNextFsyncs = n;
        return this;
    }

    /** Each read fails with EIO with this probability. */
    public DiskFaults readErrorProbability(double p) {
        readErrorProbability = probability("readErrorProbability", p);
        return this;
    }

    /** Reads overlapping this range fail with EIO until {@link #clearReadErrors()}. */
    public DiskFaults addReadError(String path, long offset, long length) {
        readErrors.add(new ReadErrorRange(SimPaths.normalize(path), offset, length));
        return this;
    }

    public DiskFaults clearReadErrors() {
        readErrors.clear();
        return this;
    }

    /** Each write lands, with this probability, some sectors away from where it was aimed. */
    public DiskFaults misdirectedWriteProbability(double p) {
        misdirectedWriteProbability = probability("misdirectedWriteProbability", p);
        return this;
    }

    /** With this probability a crash tears the unsynced writes instead of losing them all. */
    public DiskFaults tornCrashProbability(double p) {
        tornCrashProbability = probability("tornCrashProbability", p);
        return this;
    }

    /** A full disk refuses every write that needs space (ENOSPC), whatever the capacity. */
    public DiskFaults full(boolean isFull) {
        full = isFull;
        return this;
    }

    public double fsyncErrorProbability() {
        return fsyncErrorProbability;
    }

    boolean takeFailNextFsync() {
        if (failNextFsyncs > 0) {
            failNextFsyncs--;
            return true;
        }
        return false;
    }

    public double readErrorProbability() {
        return readErrorProbability;
    }

    public List<ReadErrorRange> readErrors() {
        return readErrorsView;
    }

    public double misdirectedWriteProbability() {
        return misdirectedWriteProbability;
    }

    public double tornCrashProbability() {
        return tornCrashProbability;
    }

    public boolean full() {
        return full;
    }
}
