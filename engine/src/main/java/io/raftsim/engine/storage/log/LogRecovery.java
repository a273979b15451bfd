package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Opening the log: read every segment, check every frame and record, and find where the synced
 * log ends in the newest segment.
 *
 * <p><b>The rule.</b> Segments are {@link FrameCodec framed} per sector. Scanning a segment's
 * frames in order, each is a hole (all zeros: never reached the platter), valid (checksum,
 * segment id and frame number all right) or damaged (anything else). The synced log ends at the
 * first hole or at the end of the file; the records before it are kept, except a last record cut
 * short there, whose bytes are dropped. Everything from that point on is dropped, even valid
 * frames past a hole. A damaged frame anywhere, before or after the first hole, is CORRUPT.
 *
 * <p><b>Why this is sound</b> under the disk model of DESIGN.md section 3 (sim-disk): (1) a
 * sector write is atomic, so every frame that reached the platter is whole and valid, and a
 * frame-aligned, whole-frame write never leaves a partial frame; (2) a sector that did not reach
 * it reads as zeros, since appends only ever write past the durable end of a file whose
 * truncations were made durable before anything was written after them (the log's barriers and
 * {@link LogOp.Repair}); (3) fsync makes every earlier write of the file durable, so if the frame
 * at position p is a hole, no fsync completed after the write that should have filled it, and
 * every record in or after p belongs to an append that was never acknowledged. Hence truncating
 * at the first hole never loses an acknowledged entry, even when valid frames of the same
 * unsynced appends follow it (a crash that wrote sectors back in any order). A bit flip, on the
 * other hand, leaves a non-zero frame that fails its checksum, and a misdirected write a valid
 * frame in the wrong place: both are damage at rest and are never taken for a torn write,
 * which is the failure Alagappan et al. ("Protocol-Aware Recovery for Consensus-Based Storage",
 * FAST'18) found in deployed Raft logs (a corrupted synced entry treated as a torn tail and
 * silently discarded). Only a damaged frame past the first hole is a false alarm (rot in bytes
 * that held nothing acknowledged); reporting it is conservative, never unsafe.
 *
 * <p>Outside the model: a write misdirected forward whose target is later overwritten leaves a
 * hole where a synced frame should be, with nothing left to betray it; detecting that needs the
 * synced end recorded elsewhere (TigerBeetle keeps redundant WAL headers for this), which this
 * log does not do. sim-disk's nemesis does not inject misdirected writes.
 */
final class LogRecovery {
    private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());

    /**
     * @param repair where the newest segment must be cut durably before the next write, or null if
     *     it ends cleanly
     */
    record Result(long firstIndex, List<Segment> segments, List<Slot> slots, RecoveryReport report, Cut repair) {}

    /** The newest segment's synced records end at file offset {@code offset}. */
    record Cut(Segment segment, long offset) {}

    private LogRecovery() {}

    static Result recover(FileSystem fs, String dir, int frameBytes) {
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
        Cut repair = null;
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
            seg.sizeBytes = bytes.length;
            Stream st = Stream.scan(bytes, n.firstIndex(), frameBytes, path);
            List<Slot> segSlots = new ArrayList<>();
            int pos = 0;
            String tornWhy = st.endWhy();
            while (pos < st.length()) {
                RecordCodec.Decoded d = RecordCodec.decode(st.bytes(), pos, st.length());
                if (d instanceof RecordCodec.Ok ok) {
                    long expectedIndex = seg.lastIndex() + 1;
                    if (ok.entry().index() != expectedIndex) {
                        throw new StorageException(
                                StorageException.Kind.CORRUPT,
                                path + " at offset " + st.fileOffset(pos) + ": record index "
                                        + ok.entry().index() + ", expected " + expectedIndex);
                    }
                    if (ok.entry().term() < prevTerm) {
                        throw new StorageException(
                                StorageException.Kind.CORRUPT,
                                path + " at offset " + st.fileOffset(pos)
                                        + ": term " + ok.entry().term() + " of index "
                                        + ok.entry().index()
                                        + " is lower than the previous entry's term " + prevTerm);
                    }
                    prevTerm = ok.entry().term();
                    long start = st.fileOffset(pos);
                    long end = st.fileOffset(pos + ok.recordBytes() - 1) + 1;
                    seg.appendRecord(start, end);
                    segSlots.add(new Slot(ok.entry().term(), seg, start, ok.recordBytes()));
                    pos += ok.recordBytes();
                    continue;
                }
                if (d instanceof RecordCodec.Bad b) {
                    // Inside checked frames: no crash can produce this, only damage or a bug.
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            path + " at offset " + st.fileOffset(pos) + " (index " + (seg.lastIndex() + 1) + "): "
                                    + b.why());
                }
                tornWhy = "record of index " + (seg.lastIndex() + 1) + " cut short: "
                        + ((RecordCodec.Incomplete) d).why() + (tornWhy == null ? "" : "; " + tornWhy);
                break;
            }
            long keptEnd = seg.endOf(seg.lastIndex());
            boolean clean = tornWhy == null;
            if (!clean) {
                if (!last) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            path + " (index " + (seg.lastIndex() + 1) + "): " + tornWhy
                                    + "; not the last segment, so these bytes were synced");
                }
                torn = new RecoveryReport.TornTail(file, keptEnd, bytes.length - keptEnd, tornWhy);
                repair = new Cut(seg, keptEnd);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cutting the unsynced tail of {0} at offset {1} of {2} ({3})",
                        path,
                        keptEnd,
                        bytes.length,
                        tornWhy);
                seg.sizeBytes = ceilFrame(keptEnd, frameBytes);
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
        if (repair != null && !segments.contains(repair.segment())) {
            repair = null; // the torn segment lay wholly before the first index and is gone
        }
        long lastIndex = segments.isEmpty()
                ? firstIndex - 1
                : segments.get(segments.size() - 1).lastIndex();
        List<String> kept = segments.stream().map(s -> s.name).toList();
        return new Result(
                firstIndex, segments, slots, new RecoveryReport(firstIndex, lastIndex, kept, torn, deleted), repair);
    }

    static long ceilFrame(long offset, int frameBytes) {
        return (offset + frameBytes - 1) / frameBytes * frameBytes;
    }
}
