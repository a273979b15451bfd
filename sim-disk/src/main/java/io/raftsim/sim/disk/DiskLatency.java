package io.raftsim.sim.disk;

/**
 * The device's cost model. Writes land in the page cache at once; their cost is paid at writeback:
 * an fsync takes {@code fsyncBaseNs + dirtyKiB * writebackNsPerKiB}, a directory sync {@code
 * dirSyncNs}, and the device does one thing at a time (FIFO). With a large base cost, one fsync for
 * many writes beats one per write: batching shows up in benchmarks. Reads return at once (the SPI
 * reads synchronously) but keep the device busy for {@code readNsPerKiB} per KiB, so heavy reads
 * (log replay, snapshot copies) delay the syncs behind them.
 */
public record DiskLatency(long fsyncBaseNs, long writebackNsPerKiB, long dirSyncNs, long readNsPerKiB) {
    public DiskLatency {
        nonNegative("fsyncBaseNs", fsyncBaseNs);
        nonNegative("writebackNsPerKiB", writebackNsPerKiB);
        nonNegative("dirSyncNs", dirSyncNs);
        nonNegative("readNsPerKiB", readNsPerKiB);
    }

    private static void nonNegative(String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + v);
        }
    }

    /** A datacenter NVMe SSD: ~1 ms fsync base, ~1 GB/s writeback, ~2 GB/s reads. */
    public static DiskLatency ssd() {
        return new DiskLatency(1_000_000L, 1_000L, 500_000L, 500L);
    }
}
