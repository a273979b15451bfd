package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** The snapshot meta file: magic, index, term, configuration, file list, CRC32C of all of it. */
final class SnapshotMetaCodec {
    private static final int MAGIC = 0x52534e50; // "RSNP"

    private SnapshotMetaCodec() {}

    static byte[] encode(SnapshotMeta m) {
        List<byte[]> names = new ArrayList<>();
        int size = 4 + 8 + 8 + 4 + m.configuration().length + 4;
        for (SnapshotFileInfo f : m.files()) {
            byte[] n = f.name().getBytes(StandardCharsets.UTF_8);
            names.add(n);
            size += 4 + n.length + 8 + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size + 4);
        b.putInt(MAGIC).putLong(m.lastIncludedIndex()).putLong(m.lastIncludedTerm());
        b.putInt(m.configuration().length).put(m.configuration());
        b.putInt(m.files().size());
        for (int i = 0; i < m.files().size(); i++) {
            SnapshotFileInfo f = m.files().get(i);
            b.putInt(names.get(i).length)
                    .put(names.get(i))
                    .putLong(f.sizeBytes())
                    .putInt(f.crc32c());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, size);
        return b.putInt((int) crc.getValue()).array();
    }

    static SnapshotMeta decode(String path, byte[] bytes) {
        try {
            if (bytes.length < 4 + 8 + 8 + 4 + 4 + 4) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, path + ": snapshot meta too short: " + bytes.length);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int stored = b.getInt(bytes.length - 4);
            if (stored != (int) crc.getValue() || b.getInt() != MAGIC) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        path + ": snapshot meta checksum mismatch (stored " + Integer.toHexString(stored)
                                + ", computed " + Long.toHexString(crc.getValue()) + ")");
            }
            long index = b.getLong();
            long term = b.getLong();
            byte[] conf = new byte[b.getInt()];
            b.get(conf);
            int n = b.getInt();
            List<SnapshotFileInfo> files = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[b.getInt()];
                b.get(name);
                files.add(new SnapshotFileInfo(new String(name, StandardCharsets.UTF_8), b.getLong(), b.getInt()));
            }
            if (b.remaining() != 4) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, path + ": " + (b.remaining() - 4) + " trailing bytes");
            }
            return new SnapshotMeta(index, term, conf, files);
        } catch (RuntimeException e) {
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(StorageException.Kind.CORRUPT, path + ": undecodable snapshot meta: " + e, e);
        }
    }
}
