package io.raftsim.engine.storage.log;

/**
 * @param maxSegmentBytes roll over to a new segment once the open one holds this many bytes
 *     (braft's default is 8 MiB); smaller segments make compaction finer-grained
 */
public record SegmentedLogOptions(long maxSegmentBytes) {
    public static final SegmentedLogOptions DEFAULT = new SegmentedLogOptions(8L << 20);

    public SegmentedLogOptions {
        if (maxSegmentBytes < RecordCodec.HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "maxSegmentBytes must be >= " + RecordCodec.HEADER_BYTES + ", got " + maxSegmentBytes);
        }
    }
}
