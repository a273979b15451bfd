package io.raftsim.engine.spi.fs.memory;

/**
 * Tunables of a {@link MemoryFileSystem}.
 *
 * @param fsyncLatencyNanos node-local time between a file fsync call and its completion; the window
 *     in which later writes pile up for the next fsync, which is what makes batching measurable
 * @param dirSyncLatencyNanos the same for a directory sync
 * @param sectorBytes granularity of a torn write on crash: a torn prefix ends on a sector boundary
 * @param capacityBytes total bytes the files may hold before writes fail with ENOSPC
 */
public record MemoryFsOptions(long fsyncLatencyNanos, long dirSyncLatencyNanos, int sectorBytes, long capacityBytes) {
    /** 1 ms syncs (a fast SSD with a write cache flush), 512-byte sectors, no space limit. */
    public static final MemoryFsOptions DEFAULT = new MemoryFsOptions(1_000_000L, 1_000_000L, 512, Long.MAX_VALUE);

    public MemoryFsOptions {
        if (fsyncLatencyNanos < 0) {
            throw new IllegalArgumentException("fsyncLatencyNanos must be >= 0, got " + fsyncLatencyNanos);
        }
        if (dirSyncLatencyNanos < 0) {
            throw new IllegalArgumentException("dirSyncLatencyNanos must be >= 0, got " + dirSyncLatencyNanos);
        }
        if (sectorBytes < 1) {
            throw new IllegalArgumentException("sectorBytes must be >= 1, got " + sectorBytes);
        }
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be >= 0, got " + capacityBytes);
        }
    }

    public MemoryFsOptions withFsyncLatencyNanos(long nanos) {
        return new MemoryFsOptions(nanos, dirSyncLatencyNanos, sectorBytes, capacityBytes);
    }

    public MemoryFsOptions withDirSyncLatencyNanos(long nanos) {
        return new MemoryFsOptions(fsyncLatencyNanos, nanos, sectorBytes, capacityBytes);
    }

    public MemoryFsOptions withSectorBytes(int bytes) {
        return new MemoryFsOptions(fsyncLatencyNanos, dirSyncLatencyNanos, bytes, capacityBytes);
    }

    public MemoryFsOptions withCapacityBytes(long bytes) {
        return new MemoryFsOptions(fsyncLatencyNanos, dirSyncLatencyNanos, sectorBytes, bytes);
    }
}
