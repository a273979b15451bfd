package io.raftsim.engine.storage.meta;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.RaftMeta;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk form of {@link RaftMeta}: magic, version, term, optional votedFor, CRC32C of all of
 * it. The checksum turns bit rot or a misdirected write into a loud CORRUPT error instead of a
 * silently different vote (which would let this node vote twice in a term: Raft paper §5.2).
 */
final class MetaCodec {
    static final int MAGIC = 0x52534d54; // "RSMT"
    static final byte VERSION = 1;

    private MetaCodec() {}

    static byte[] encode(RaftMeta meta) {
        byte[] voted = meta.votedFor() == null
                ? new byte[0]
                : meta.votedFor().toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 8 + 1 + 4 + voted.length + 4);
        b.putInt(MAGIC).put(VERSION).putLong(meta.term());
        b.put((byte) (meta.votedFor() == null ? 0 : 1)).putInt(voted.length).put(voted);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static RaftMeta decode(String path, byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length < 4 + 1 + 8 + 1 + 4 + 4) {
                throw corrupt(path, "too short: " + bytes.length + " bytes");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = b.getInt(bytes.length - 4);
            if (stored != (int) crc.getValue()) {
                throw corrupt(
                        path,
                        "checksum mismatch: stored " + Integer.toHexString(stored) + ", computed "
                                + Long.toHexString(crc.getValue()));
            }
            int magic = b.getInt();
            byte version = b.get();
            if (magic != MAGIC || version != VERSION) {
                throw corrupt(path, "bad magic " + Integer.toHexString(magic) + " or version " + version);
            }
            long term = b.getLong();
            byte hasVote = b.get();
            int len = b.getInt();
            if (len < 0 || len != bytes.length - b.position() - 4 || (hasVote == 0 && len != 0)) {
                throw corrupt(path, "bad votedFor length " + len + " (flag " + hasVote + ")");
            }
            byte[] voted = new byte[len];
            b.get(voted);
            PeerId votedFor = hasVote == 0 ? null : PeerId.parse(new String(voted, StandardCharsets.UTF_8));
            return new RaftMeta(term, votedFor);
        } catch (IllegalArgumentException e) {
            throw new StorageException(
                    StorageException.Kind.CORRUPT, path + ": undecodable meta: " + e.getMessage(), e);
        }
    }

    private static StorageException corrupt(String path, String why) {
        return new StorageException(StorageException.Kind.CORRUPT, path + ": " + why);
    }
}
