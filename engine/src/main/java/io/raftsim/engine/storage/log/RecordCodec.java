package io.raftsim.engine.storage.log;

import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One log record on disk: {@code bodyLength:int32 term:int64 index:int64 type:int8 crc:int32}
 * followed by the body. The CRC32C covers the first 21 header bytes and the body, so a torn
 * write, a bit flip or a misdirected write all fail the check (braft's segment records carry a
 * header checksum and a data checksum for the same reason).
 */
final class RecordCodec {
    static final int HEADER_BYTES = 4 + 8 + 8 + 1 + 4;
    private static final int CRC_OFFSET = HEADER_BYTES - 4;
    /** A sanity bound so a corrupt length field cannot make recovery allocate gigabytes. */
    static final int MAX_BODY_BYTES = 64 << 20;

    private RecordCodec() {}

    static int recordBytes(LogEntry e) {
        return HEADER_BYTES + e.data().length;
    }

    static byte[] encode(List<LogEntry> entries) {
        byte[] out = new byte[encodedBytes(entries)];
        encodeInto(entries, out);
        return out;
    }

    /** The bytes {@link #encode} takes for {@code entries}; refuses a body over the record limit. */
    static int encodedBytes(List<LogEntry> entries) {
        int total = 0;
        for (LogEntry e : entries) {
            if (e.data().length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("entry " + e.index() + " body of " + e.data().length
                        + " bytes exceeds the record limit " + MAX_BODY_BYTES);
            }
            total += recordBytes(e);
        }
        return total;
    }

    /** {@link #encode} into {@code out[0, encodedBytes(entries))}, which must be large enough. */
    static void encodeInto(List<LogEntry> entries, byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out);
        for (LogEntry e : entries) {
            int start = b.position();
            b.putInt(e.data().length).putLong(e.term()).putLong(e.index()).put(typeCode(e.type()));
            CRC32C crc = new CRC32C();
            crc.update(b.array(), start, CRC_OFFSET);
            crc.update(e.data());
            b.putInt((int) crc.getValue()).put(e.data());
        }
    }

    /** The outcome of decoding at one offset. */
    sealed interface Decoded permits Ok, Incomplete, Bad {}

    record Ok(LogEntry entry, int recordBytes) implements Decoded {}

    /** The bytes end before the record does: what a torn append leaves behind. */
    record Incomplete(String why) implements Decoded {}

    /** The record is all there but wrong: checksum mismatch or an impossible field. */
    record Bad(String why) implements Decoded {}

    static Decoded decode(byte[] buf, int offset, int limit) {
        if (limit - offset < HEADER_BYTES) {
            return new Incomplete("only " + (limit - offset) + " of " + HEADER_BYTES + " header bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, offset, limit - offset);
        int bodyLen = b.getInt();
        long term = b.getLong();
        long index = b.getLong();
        byte type = b.get();
        int storedCrc = b.getInt();
        if (bodyLen < 0 || bodyLen > MAX_BODY_BYTES) {
            return new Bad("impossible body length " + bodyLen);
        }
        if (limit - offset - HEADER_BYTES < bodyLen) {
            return new Incomplete(
                    "body of " + bodyLen + " bytes but only " + (limit - offset - HEADER_BYTES) + " left");
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, offset, CRC_OFFSET);
        crc.update(buf, offset + HEADER_BYTES, bodyLen);
        if ((int) crc.getValue() != storedCrc) {
            return new Bad("CRC32C mismatch: stored " + Integer.toHexString(storedCrc) + ", computed "
                    + Long.toHexString(crc.getValue()) + " (header says index " + index + " term " + term + ")");
        }
        EntryType entryType = typeOf(type);
        if (entryType == null || index < 1 || term < 1) {
            return new Bad(
                    "checksummed record with impossible fields: index " + index + " term " + term + " type " + type);
        }
        byte[] data = new byte[bodyLen];
        System.arraycopy(buf, offset + HEADER_BYTES, data, 0, bodyLen);
        return new Ok(new LogEntry(index, term, entryType, data), HEADER_BYTES + bodyLen);
    }

    private static byte typeCode(EntryType t) {
        return switch (t) {
            case DATA -> 0;
            case CONFIGURATION -> 1;
        };
    }

    private static EntryType typeOf(byte code) {
        return switch (code) {
            case 0 -> EntryType.DATA;
            case 1 -> EntryType.CONFIGURATION;
            default -> null;
        };
    }
}
