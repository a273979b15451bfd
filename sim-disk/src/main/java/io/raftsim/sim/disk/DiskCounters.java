package io.raftsim.sim.disk;

/** What one disk did, for benchmarks and reports. */
public record DiskCounters(
        long writes,
        long bytesWritten,
        long reads,
        long fsyncs,
        long fsyncErrors,
        long dirSyncs,
        long misdirectedWrites,
        long crashes) {}
