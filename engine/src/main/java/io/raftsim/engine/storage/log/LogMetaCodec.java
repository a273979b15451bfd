package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.StorageException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The log's own meta file, {@code log_meta}: the first index. Compaction (truncatePrefix) and
 * reset record the new first index here before deleting segments, as braft's log_meta does, so
 * that a segment partly before the first index can stay on disk and entries before the first
 * index never reappear after a crash.
 */
final class LogMetaCodec {
    static final String FILE_NAME = "log_meta";
    private static final int MAGIC = 0x524c4d54; // "RLMT"

    private LogMetaCodec() {}

    static byte[] encode(long firstIndex) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4);
        b.putInt(MAGIC).putLong(firstIndex);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 12);
        return b.putInt((int) crc.getValue()).array();
    }

    static long decode(String path, byte[] bytes) {
        if (bytes.length != 16) {
            throw new StorageException(
                    StorageException.Kind.CORRUPT, path + ": expected 16 bytes, found " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 12);
        int magic = b.getInt();
        long first = b.getLong();
        int stored = b.getInt();
        if (stored != (int) crc.getValue() || magic != MAGIC || first < 1) {
            throw new StorageException(
                    StorageException.Kind.CORRUPT,
                    path + ": bad log meta (magic "
                            + Integer.toHexString(magic) + ", first index " + first + ", crc stored "
                            + Integer.toHexString(stored) + " computed " + Long.toHexString(crc.getValue()) + ")");
        }
        return first;
    }
}
