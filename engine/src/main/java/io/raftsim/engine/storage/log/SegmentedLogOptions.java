package io.raftsim.engine.storage.log;

import java.util.Objects;

/**
 * @param maxSegmentBytes roll over to a new segment once the open one holds this many bytes
 *     (braft's default is 8 MiB); smaller segments make compaction finer-grained
 * @param syncPolicy whether appends share fsyncs ({@link LogSyncPolicy#BATCHED}, the default) or
 *     every entry gets its own
 */
public record SegmentedLogOptions(long maxSegmentBytes, LogSyncPolicy syncPolicy) {
    public static final SegmentedLogOptions DEFAULT = new SegmentedLogOptions(8L << 20);

    public SegmentedLogOptions {
        if (maxSegmentBytes < RecordCodec.HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "maxSegmentBytes must be >= " + RecordCodec.HEADER_BYTES + ", got " + maxSegmentBytes);
        }
        Objects.requireNonNull(syncPolicy, "syncPolicy");
    }

    /** Batched fsyncs (group commit). */
    public SegmentedLogOptions(long maxSegmentBytes) {
        this(maxSegmentBytes, LogSyncPolicy.BATCHED);
    }

    public SegmentedLogOptions withSyncPolicy(LogSyncPolicy policy) {
        return new SegmentedLogOptions(maxSegmentBytes, policy);
    }
}
