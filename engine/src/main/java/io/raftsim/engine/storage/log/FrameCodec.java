package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.StorageException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * The sector framing of a segment file. A segment is a sequence of fixed-size frames, each one
 * device sector (or a divisor of it), written whole and frame-aligned:
 *
 * <pre>
 *   crc:int32  segmentFirstIndex:int64  frameNo:int32  usedBytes:int32  payload[usedBytes]  zero padding
 * </pre>
 *
 * <p>The CRC32C covers everything after it, padding included. The records of the log ({@link
 * RecordCodec}) form one byte stream: the concatenation of the frames' used payloads. A record may
 * span frames. Each append writes its records into fresh frames and pads the last one, so a frame
 * that held acknowledged data is never written again except by a cut (a truncation), which
 * rewrites one frame as a single atomic sector write.
 *
 * <p>Why frames: a record-level checksum cannot tell a torn, never-acknowledged append from
 * synced data damaged at rest, and treating one as the other either loses acknowledged entries
 * (a bit flip taken for a torn tail) or refuses to start after a plain crash (a hole left by
 * sectors written back out of order taken for corruption). Alagappan et al., "Protocol-Aware
 * Recovery for Consensus-Based Storage" (FAST'18), show that this ambiguity, resolved wrongly,
 * loses committed data in real Raft and ZAB systems. With one checksum per sector the three
 * cases separate: a sector that never reached the platter reads as zeros; a sector that reached
 * it is whole (sector writes are atomic) and checks; anything else is damage at rest. The segment
 * id and frame number in the header catch a misdirected write (a valid frame in the wrong place),
 * as the per-block identity in ZFS block pointers and TigerBeetle's WAL headers do.
 */
final class FrameCodec {
    static final int HEADER_BYTES = 4 + 8 + 4 + 4;
    private static final int SEGMENT_OFFSET = 4;
    private static final int FRAME_NO_OFFSET = 12;
    private static final int USED_OFFSET = 16;

    private FrameCodec() {}

    static int payloadBytes(int frameBytes) {
        return frameBytes - HEADER_BYTES;
    }

    /** Frames needed for {@code streamBytes} bytes of records (at least one for a non-empty batch). */
    static int framesFor(int streamBytes, int frameBytes) {
        int cap = payloadBytes(frameBytes);
        return (streamBytes + cap - 1) / cap;
    }

    /**
     * Frames {@code records} (a whole number of records) into fresh frames numbered from {@code
     * firstFrameNo}; every frame but the last is full, the last is zero-padded.
     */
    static byte[] frame(byte[] records, long segmentFirstIndex, long firstFrameNo, int frameBytes) {
        byte[] out = new byte[framesFor(records.length, frameBytes) * frameBytes];
        frame(records, records.length, segmentFirstIndex, firstFrameNo, frameBytes, out);
        return out;
    }

    /**
     * {@link #frame(byte[], long, long, int)} of {@code records[0, recordsLength)} into {@code
     * out}, which must hold {@code framesFor(recordsLength, frameBytes) * frameBytes} bytes and may
     * hold anything: every byte of those frames is written (padding zeroed), so the frames are
     * the same bytes as in a fresh array.
     */
    static void frame(
            byte[] records, int recordsLength, long segmentFirstIndex, long firstFrameNo, int frameBytes, byte[] out) {
        int cap = payloadBytes(frameBytes);
        int frames = framesFor(recordsLength, frameBytes);
        Arrays.fill(out, 0, frames * frameBytes, (byte) 0);
        for (int f = 0; f < frames; f++) {
            int from = f * cap;
            int used = Math.min(cap, recordsLength - from);
            int base = f * frameBytes;
            System.arraycopy(records, from, out, base + HEADER_BYTES, used);
            seal(out, base, frameBytes, segmentFirstIndex, Math.toIntExact(firstFrameNo + f), used);
        }
    }

    private static void seal(byte[] buf, int base, int frameBytes, long segmentFirstIndex, int frameNo, int used) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        b.putLong(base + SEGMENT_OFFSET, segmentFirstIndex);
        b.putInt(base + FRAME_NO_OFFSET, frameNo);
        b.putInt(base + USED_OFFSET, used);
        CRC32C crc = new CRC32C();
        crc.update(buf, base + 4, frameBytes - 4);
        b.putInt(base, (int) crc.getValue());
    }

    /** What one frame-sized slot of a segment file holds. */
    sealed interface Slot permits Hole, Valid, Damaged {}

    /** All zeros: the sector never reached the platter (or was never written). */
    record Hole() implements Slot {}

    record Valid(int usedBytes) implements Slot {}

    /** Non-zero and not a valid frame of this segment at this place: damage at rest. */
    record Damaged(String why) implements Slot {}

    static Slot classify(byte[] buf, int base, int frameBytes, long segmentFirstIndex, long frameNo) {
        boolean zero = true;
        for (int i = base; i < base + frameBytes; i++) {
            if (buf[i] != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return new Hole();
        }
        ByteBuffer b = ByteBuffer.wrap(buf);
        CRC32C crc = new CRC32C();
        crc.update(buf, base + 4, frameBytes - 4);
        int stored = b.getInt(base);
        if ((int) crc.getValue() != stored) {
            return new Damaged("frame CRC32C mismatch: stored " + Integer.toHexString(stored) + ", computed "
                    + Long.toHexString(crc.getValue()));
        }
        long seg = b.getLong(base + SEGMENT_OFFSET);
        int no = b.getInt(base + FRAME_NO_OFFSET);
        int used = b.getInt(base + USED_OFFSET);
        if (seg != segmentFirstIndex || no != frameNo) {
            return new Damaged("misdirected frame: it belongs to segment " + seg + " frame " + no
                    + ", found in segment " + segmentFirstIndex + " frame " + frameNo);
        }
        if (used < 0 || used > payloadBytes(frameBytes)) {
            return new Damaged("checksummed frame with impossible used length " + used);
        }
        return new Valid(used);
    }

    /**
     * A copy of the valid frame at {@code base} keeping only its first {@code used} payload bytes:
     * the one frame a cut rewrites.
     */
    static byte[] cutFrame(byte[] frame, int frameBytes, long segmentFirstIndex, long frameNo, int used) {
        byte[] out = new byte[frameBytes];
        System.arraycopy(frame, HEADER_BYTES, out, HEADER_BYTES, used);
        seal(out, 0, frameBytes, segmentFirstIndex, Math.toIntExact(frameNo), used);
        return out;
    }

    /**
     * The record bytes {@code [offset, offset + length)} of a segment, where {@code offset} is the
     * file offset of the record's first byte; {@code frames} holds the file's frames from {@code
     * firstFrameNo} on. Every frame read is checked.
     */
    static byte[] gather(
            byte[] frames,
            long firstFrameNo,
            int frameBytes,
            long segmentFirstIndex,
            long offset,
            int length,
            Supplier<String> where) {
        byte[] out = new byte[length];
        gather(frames, frames.length, firstFrameNo, frameBytes, segmentFirstIndex, offset, length, where, out);
        return out;
    }

    /**
     * {@link #gather(byte[], long, int, long, long, int, Supplier)} into {@code out[0, length)},
     * reading only {@code frames[0, framesLength)}: the log's reads reuse both buffers.
     */
    static void gather(
            byte[] frames,
            int framesLength,
            long firstFrameNo,
            int frameBytes,
            long segmentFirstIndex,
            long offset,
            int length,
            Supplier<String> where,
            byte[] out) {
        int got = 0;
        long frameNo = offset / frameBytes;
        int inFrame = (int) (offset % frameBytes) - HEADER_BYTES;
        while (got < length) {
            int base = Math.toIntExact((frameNo - firstFrameNo) * frameBytes);
            if (base + frameBytes > framesLength) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, where.get() + ": cut short before frame " + frameNo);
            }
            Slot s = classify(frames, base, frameBytes, segmentFirstIndex, frameNo);
            if (!(s instanceof Valid v)) {
                throw new StorageException(StorageException.Kind.CORRUPT, where.get() + ": frame " + frameNo + " " + s);
            }
            if (inFrame < 0 || inFrame > v.usedBytes()) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        where.get() + ": record starts at payload byte " + inFrame + " of frame " + frameNo
                                + " which holds " + v.usedBytes());
            }
            int n = Math.min(length - got, v.usedBytes() - inFrame);
            if (n <= 0) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        where.get() + ": frame " + frameNo + " ends before the record does (" + got + " of " + length
                                + " bytes)");
            }
            System.arraycopy(frames, base + HEADER_BYTES + inFrame, out, got, n);
            got += n;
            frameNo++;
            inFrame = 0;
        }
    }
}
