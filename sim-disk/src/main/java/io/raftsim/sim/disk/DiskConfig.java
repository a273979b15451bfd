package io.raftsim.sim.disk;

/** The shape of one simulated disk. */
public record DiskConfig(int sectorSizeBytes, long capacityBytes, DiskLatency latency) {
    public DiskConfig {
        if (sectorSizeBytes <= 0 || Integer.bitCount(sectorSizeBytes) != 1) {
            throw new IllegalArgumentException("sectorSizeBytes must be a power of two > 0, got " + sectorSizeBytes);
        }
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be > 0, got " + capacityBytes);
        }
        if (latency == null) {
            throw new IllegalArgumentException("latency must be set, got null");
        }
    }

    /** 512-byte sectors, 1 GiB, SSD latencies. */
    public static DiskConfig defaults() {
        return new DiskConfig(512, 1L << 30, DiskLatency.ssd());
    }

    public DiskConfig withCapacity(long bytes) {
        return new DiskConfig(sectorSizeBytes, bytes, latency);
    }

    public DiskConfig withLatency(DiskLatency l) {
        return new DiskConfig(sectorSizeBytes, capacityBytes, l);
    }
}
