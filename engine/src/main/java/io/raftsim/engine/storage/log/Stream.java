package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.StorageException;
import java.util.Arrays;

/**
 * The record stream of one segment file as recovery reads it: the used payloads of its frames up
 * to the first hole or the end of the file, and where each stream byte lives in the file. Every
 * frame of the file is classified, those past the first hole too: a damaged frame anywhere is
 * CORRUPT (see {@link LogRecovery} for why that line is the sound one).
 */
final class Stream {
    private final byte[] bytes;
    private final int length;
    private final int frameBytes;
    /** streamStart[k]: the stream position of frame k's first payload byte, for the kept frames. */
    private final int[] streamStart;

    private final int keptFrames;
    private final String endWhy;

    private Stream(byte[] bytes, int length, int frameBytes, int[] streamStart, int keptFrames, String endWhy) {
        this.bytes = bytes;
        this.length = length;
        this.frameBytes = frameBytes;
        this.streamStart = streamStart;
        this.keptFrames = keptFrames;
        this.endWhy = endWhy;
    }

    static Stream scan(byte[] file, long segmentFirstIndex, int frameBytes, String path) {
        int frames = (file.length + frameBytes - 1) / frameBytes;
        byte[] out = new byte[frames * FrameCodec.payloadBytes(frameBytes)];
        int[] starts = new int[frames];
        int len = 0;
        int kept = 0;
        int firstHole = -1;
        int validAfterHole = 0;
        for (int k = 0; k < frames; k++) {
            int base = k * frameBytes;
            FrameCodec.Slot slot;
            if (base + frameBytes > file.length) {
                // A partial trailing frame: no frame-aligned write leaves one. Zeros are a hole.
                byte[] padded = Arrays.copyOf(Arrays.copyOfRange(file, base, file.length), frameBytes);
                slot = FrameCodec.classify(padded, 0, frameBytes, segmentFirstIndex, k);
                if (slot instanceof FrameCodec.Valid) {
                    slot = new FrameCodec.Damaged("a valid frame cut short by the end of the file");
                }
            } else {
                slot = FrameCodec.classify(file, base, frameBytes, segmentFirstIndex, k);
            }
            if (slot instanceof FrameCodec.Damaged d) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        path + " frame " + k + " (offset " + base + "): " + d.why()
                                + (firstHole < 0
                                        ? "; before any hole, so these bytes were synced: damaged at rest"
                                        : "; past the unsynced hole at frame " + firstHole + ", damaged at rest"));
            }
            if (slot instanceof FrameCodec.Hole) {
                if (firstHole < 0) {
                    firstHole = k;
                }
                continue;
            }
            if (firstHole >= 0) {
                validAfterHole++;
                continue;
            }
            int used = ((FrameCodec.Valid) slot).usedBytes();
            starts[k] = len;
            System.arraycopy(file, base + FrameCodec.HEADER_BYTES, out, len, used);
            len += used;
            kept++;
        }
        String why = firstHole < 0
                ? null
                : "unsynced from frame " + firstHole + " (a hole that never reached the disk"
                        + (validAfterHole > 0 ? ", " + validAfterHole + " landed frame(s) after it" : "") + ")";
        return new Stream(out, len, frameBytes, starts, kept, why);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Why the stream ends before the file does (a hole), or null if it runs to the end. */
    String endWhy() {
        return endWhy;
    }

    /** The file offset of stream byte {@code pos} ({@code 0 <= pos < length()}). */
    long fileOffset(int pos) {
        if (pos < 0 || pos >= length) {
            throw new IllegalArgumentException("stream position " + pos + " outside 0.." + length);
        }
        // the last kept frame whose payload starts at or before pos (frames with no payload skipped)
        int lo = 0;
        int hi = keptFrames - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (streamStart[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (lo + 1 < keptFrames && streamStart[lo + 1] <= pos) {
            lo++;
        }
        return (long) lo * frameBytes + FrameCodec.HEADER_BYTES + (pos - streamStart[lo]);
    }
}
