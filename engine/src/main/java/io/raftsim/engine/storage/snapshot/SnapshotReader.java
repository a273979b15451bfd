package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A complete snapshot on disk, for {@code StateMachine.onSnapshotLoad} and for serving chunks to
 * followers. Whole-file reads are checked against the CRC32C in the meta: bit rot is a CORRUPT
 * error, never a silently different state machine.
 */
public final class SnapshotReader {
    private final FileSystem fs;
    private final String path;
    private final SnapshotMeta meta;

    SnapshotReader(FileSystem fs, String path, SnapshotMeta meta) {
        this.fs = fs;
        this.path = path;
        this.meta = meta;
    }

    public SnapshotMeta meta() {
        return meta;
    }

    /** The snapshot's directory, relative to the file system root. */
    public String path() {
        return path;
    }

    /** Reads a whole file and verifies its size and checksum. */
    public byte[] readFile(String name) {
        SnapshotFileInfo info = meta.file(name);
        byte[] bytes;
        try (FileHandle h = fs.open(AtomicFile.join(path, name), false)) {
            bytes = AtomicFile.readAll(h);
        }
        verify(path, info, bytes);
        return bytes;
    }

    /**
     * Reads at most {@code maxBytes} of {@code name} from {@code offset}, for the chunked copy to a
     * follower; the receiver verifies the checksum once the file is complete.
     */
    public SnapshotChunk readChunk(String name, long offset, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        SnapshotFileInfo info = meta.file(name);
        if (offset > info.sizeBytes()) {
            throw new IllegalArgumentException(
                    "offset " + offset + " beyond " + name + " of " + info.sizeBytes() + " bytes");
        }
        int len = (int) Math.min(maxBytes, info.sizeBytes() - offset);
        byte[] buf = new byte[len];
        try (FileHandle h = fs.open(AtomicFile.join(path, name), false)) {
            int pos = 0;
            while (pos < len) {
                int n = h.read(offset + pos, buf, pos, len - pos);
                if (n < 0) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            path + "/" + name + " is shorter (" + (offset + pos) + ") than its meta says ("
                                    + info.sizeBytes() + ")");
                }
                pos += n;
            }
        }
        return new SnapshotChunk(name, offset, buf, offset + len == info.sizeBytes());
    }

    static void verify(String dir, SnapshotFileInfo info, byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if (bytes.length != info.sizeBytes() || (int) crc.getValue() != info.crc32c()) {
            throw new StorageException(
                    StorageException.Kind.CORRUPT,
                    dir + "/" + info.name() + ": expected "
                            + info.sizeBytes() + " bytes with CRC32C " + Integer.toHexString(info.crc32c()) + ", found "
                            + bytes.length + " bytes with " + Long.toHexString(crc.getValue()));
        }
    }

    static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Override
    public String toString() {
        return "SnapshotReader{" + path + ", " + meta + ", files "
                + Arrays.toString(meta.files().toArray()) + "}";
    }
}
