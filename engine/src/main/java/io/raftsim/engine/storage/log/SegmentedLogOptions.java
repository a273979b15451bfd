package io.raftsim.engine.storage.log;

import java.util.Objects;

/**
 * @param maxSegmentBytes roll over to a new segment once the open one holds this many bytes
 *     (braft's default is 8 MiB); smaller segments make compaction finer-grained
 * @param frameBytes the size of one {@link FrameCodec frame}: the device's sector size or a power
 *     of two dividing it, so that every frame is written atomically (a frame larger than the
 *     device's atomic unit could be torn inside, which recovery would rightly call CORRUPT)
 * @param syncPolicy whether appends share fsyncs ({@link LogSyncPolicy#BATCHED}, the default) or
 *     every entry gets its own
 */
public record SegmentedLogOptions(long maxSegmentBytes, int frameBytes, LogSyncPolicy syncPolicy) {
    /** The sector size sim-disk and most devices use (512-byte logical sectors). */
    public static final int DEFAULT_FRAME_BYTES = 512;

    /** The smallest frame: room for the header and a useful payload. */
    public static final int MIN_FRAME_BYTES = 64;

    public static final SegmentedLogOptions DEFAULT = new SegmentedLogOptions(8L << 20);

    public SegmentedLogOptions {
        if (frameBytes < MIN_FRAME_BYTES || frameBytes > (1 << 20) || Integer.bitCount(frameBytes) != 1) {
            throw new IllegalArgumentException("frameBytes must be a power of two in [" + MIN_FRAME_BYTES + ", "
                    + (1 << 20) + "], got " + frameBytes);
        }
        if (maxSegmentBytes < RecordCodec.HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "maxSegmentBytes must be >= " + RecordCodec.HEADER_BYTES + ", got " + maxSegmentBytes);
        }
        Objects.requireNonNull(syncPolicy, "syncPolicy");
    }

    /** Default frames, batched fsyncs (group commit). */
    public SegmentedLogOptions(long maxSegmentBytes) {
        this(maxSegmentBytes, DEFAULT_FRAME_BYTES, LogSyncPolicy.BATCHED);
    }

    /** Batched fsyncs with the given frame size. */
    public SegmentedLogOptions(long maxSegmentBytes, int frameBytes) {
        this(maxSegmentBytes, frameBytes, LogSyncPolicy.BATCHED);
    }

    /** Default frames with the given fsync policy. */
    public SegmentedLogOptions(long maxSegmentBytes, LogSyncPolicy syncPolicy) {
        this(maxSegmentBytes, DEFAULT_FRAME_BYTES, syncPolicy);
    }

    public SegmentedLogOptions withSyncPolicy(LogSyncPolicy policy) {
        return new SegmentedLogOptions(maxSegmentBytes, frameBytes, policy);
    }

    public SegmentedLogOptions withFrameBytes(int bytes) {
        return new SegmentedLogOptions(maxSegmentBytes, bytes, syncPolicy);
    }
}
