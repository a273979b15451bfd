package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Opening the log: read every segment, check every record, cut a torn tail off the last segment.
 *
 * <p>The line between "torn" and "corrupt" is the one braft and etcd's WAL draw: an append that
 * crashed before its fsync can only have damaged the end of the newest segment, so a bad or
 * incomplete record there, with nothing valid after it, is an unacknowledged write and is cut off.
 * Anything else (a bad record in an older segment, or a bad record followed by valid ones) means
 * bytes that were durable went bad, and dropping them could lose acknowledged entries: that is a
 * CORRUPT error for the operator, never a silent repair.
 */
final class LogRecovery {
    private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());

    record Result(long firstIndex, List<Segment> segments, List<Slot> slots, RecoveryReport report) {}

    private LogRecovery() {}

    static Result recover(FileSystem fs, String dir) {
        byte[] metaBytes = AtomicFile.readIfPresent(fs, dir, LogMetaCodec.FILE_NAME);
        long firstIndex =
                metaBytes == null ? 1 : LogMetaCodec.decode(AtomicFile.join(dir, LogMetaCodec.FILE_NAME), metaBytes);

        List<SegmentName> names = new ArrayList<>();
        for (String file : fs.list(dir)) {
            if (!file.startsWith(SegmentName.PREFIX)
                    || file.equals(LogMetaCodec.FILE_NAME)
                    || file.equals(AtomicFile.tempName(LogMetaCodec.FILE_NAME))) {
                continue;
            }
            SegmentName n = SegmentName.parse(file);
            if (n == null) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, "unrecognised file in log directory: " + dir + "/" + file);
            }
            names.add(n);
        }
        names.sort(Comparator.comparingLong(SegmentName::firstIndex));

        List<Segment> segments = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        RecoveryReport.TornTail torn = null;
        long prevTerm = 0;
        for (int i = 0; i < names.size(); i++) {
            SegmentName n = names.get(i);
            boolean last = i == names.size() - 1;
            String file = n.open()
                    ? SegmentName.openName(n.firstIndex())
                    : SegmentName.closedName(n.firstIndex(), n.lastIndex());
            String path = AtomicFile.join(dir, file);
            if (!segments.isEmpty()) {
                long expected = segments.get(segments.size() - 1).lastIndex() + 1;
                if (n.firstIndex() != expected) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            "log gap or overlap: " + path + " starts at " + n.firstIndex()
                                    + " but the previous segment ends at " + (expected - 1));
                }
            }
            FileHandle h = fs.open(path, false);
            byte[] bytes = AtomicFile.readAll(h);
            Segment seg = new Segment(n.firstIndex(), file, n.open() && last, h);
            List<Slot> segSlots = new ArrayList<>();
            int pos = 0;
            while (pos < bytes.length) {
                RecordCodec.Decoded d = RecordCodec.decode(bytes, pos, bytes.length);
                if (d instanceof RecordCodec.Ok ok) {
                    long expectedIndex = seg.lastIndex() + 1;
                    if (ok.entry().index() != expectedIndex) {
                        throw new StorageException(
                                StorageException.Kind.CORRUPT,
                                path + " at offset " + pos + ": record index "
                                        + ok.entry().index() + ", expected " + expectedIndex);
                    }
                    if (ok.entry().term() < prevTerm) {
                        throw new StorageException(
                                StorageException.Kind.CORRUPT,
                                path + " at offset " + pos
                                        + ": term " + ok.entry().term() + " of index "
                                        + ok.entry().index()
                                        + " is lower than the previous entry's term " + prevTerm);
                    }
                    prevTerm = ok.entry().term();
                    seg.appendRecord(pos, ok.recordBytes());
                    segSlots.add(new Slot(ok.entry().term(), seg, pos, ok.recordBytes()));
                    pos += ok.recordBytes();
                    continue;
                }
                String why = d instanceof RecordCodec.Bad b ? b.why() : ((RecordCodec.Incomplete) d).why();
                long validAfter = last ? findValidRecord(bytes, pos + 1, seg.lastIndex() + 1, prevTerm) : -1;
                if (!last || validAfter >= 0) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            path + " at offset " + pos + " (index "
                                    + (seg.lastIndex() + 1) + "): " + why
                                    + (last
                                            ? "; a valid record follows at offset " + validAfter
                                            : "; not the last segment"));
                }
                torn = new RecoveryReport.TornTail(file, pos, bytes.length - pos, why);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "truncating torn tail of {0}: {1} bytes from offset {2} ({3})",
                        path,
                        bytes.length - pos,
                        pos,
                        why);
                h.truncate(pos);
                break;
            }
            if (!n.open() && (seg.offsets.size() == 0 || seg.lastIndex() != n.lastIndex())) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        path + " is named for indexes " + n.firstIndex() + ".." + n.lastIndex() + " but holds "
                                + seg.firstIndex + ".." + seg.lastIndex());
            }
            if (seg.offsets.size() == 0 && !last) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT, "empty segment " + path + " is not the last one");
            }
            segments.add(seg);
            slots.addAll(segSlots);
        }

        // Drop segments wholly before the first index: a compaction recorded the new first index in
        // log_meta but crashed before the deletions were durable. Deleting again is idempotent.
        while (!segments.isEmpty() && segments.get(0).lastIndex() < firstIndex) {
            Segment s = segments.remove(0);
            s.handle.close();
            fs.delete(AtomicFile.join(dir, s.name));
            deleted.add(s.name);
            slots.subList(0, s.offsets.size()).clear();
        }
        if (!segments.isEmpty()) {
            long segFirst = segments.get(0).firstIndex;
            if (segFirst > firstIndex) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        "log directory " + dir + " records first index " + firstIndex
                                + " but its first segment starts at " + segFirst);
            }
            slots.subList(0, (int) (firstIndex - segFirst)).clear();
        }
        long lastIndex = segments.isEmpty()
                ? firstIndex - 1
                : segments.get(segments.size() - 1).lastIndex();
        List<String> kept = segments.stream().map(s -> s.name).toList();
        return new Result(firstIndex, segments, slots, new RecoveryReport(firstIndex, lastIndex, kept, torn, deleted));
    }

    /**
     * The offset of the first complete, checksummed record at or after {@code from} that could
     * follow the damaged one (index above {@code expectedIndex - 1}, at most one record per header
     * size of remaining bytes, term not lower); -1 if none. The cheap index and term filter runs
     * before the CRC so that scanning a long garbage tail stays linear in practice.
     */
    private static long findValidRecord(byte[] bytes, int from, long expectedIndex, long prevTerm) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long maxIndex = expectedIndex + (bytes.length - from) / RecordCodec.HEADER_BYTES + 1;
        for (int q = from; q + RecordCodec.HEADER_BYTES <= bytes.length; q++) {
            long term = b.getLong(q + 4);
            long index = b.getLong(q + 12);
            if (index < expectedIndex || index > maxIndex || term < prevTerm) {
                continue;
            }
            if (RecordCodec.decode(bytes, q, bytes.length) instanceof RecordCodec.Ok) {
                return q;
            }
        }
        return -1;
    }
}
