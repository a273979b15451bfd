package io.raftsim.sim.disk;

/**
 * The device's cost model. Writes land in the page cache at once; their cost is paid at writeback:
 * an fsync takes {@code fsyncBaseNs + dirtyKiB * writebackNsPerKiB}, a directory sync {@code
 * dirSyncNs}, and the device does one at a time (FIFO). With a large base cost, one fsync for many
 * writes beats one per write: batching shows up in benchmarks.
 */
public record DiskLatency(long fsyncBaseNs, long writebackNsPerKiB, long dirSyncNs) {
    public DiskLatency {
        if (fsyncBaseNs < 0) {
            throw new IllegalArgumentException("fsyncBaseNs must be >= 0, got " + fsyncBaseNs);
        }
        if (writebackNsPerKiB < 0) {
            throw new IllegalArgumentException("writebackNsPerKiB must be >= 0, got " + writebackNsPerKiB);
        }
        if (dirSyncNs < 0) {
            throw new IllegalArgumentException("dirSyncNs must be >= 0, got " + dirSyncNs);
        }
    }

    /** A datacenter NVMe SSD: ~1 ms fsync base, ~1 GB/s writeback. */
    public static DiskLatency ssd() {
        return new DiskLatency(1_000_000L, 1_000L, 500_000L);
    }
}
