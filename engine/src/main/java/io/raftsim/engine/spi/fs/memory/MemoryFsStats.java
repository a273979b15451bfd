package io.raftsim.engine.spi.fs.memory;

/** Counters of a {@link MemoryFileSystem}, for benchmarks (fsyncs per commit) and tests. */
public record MemoryFsStats(long fsyncs, long dirSyncs, long bytesWritten, long crashes) {}
