package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.meta.AtomicFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * braft's segmented log, ours: records with a CRC32C in an open segment ({@code
 * log_inprogress_<first>}) that rolls over into closed segments ({@code log_<first>_<last>}) at a
 * size limit, with an in-memory index of record offsets. Segment files are framed per sector
 * ({@link FrameCodec}): every write is whole, aligned frames, each with its own checksum, so that
 * recovery can tell an unsynced tail from damage at rest ({@link LogRecovery}).
 *
 * <p><b>Two views.</b> The logical log (what {@link #lastIndex()}, {@link #entry} and friends
 * report) changes at once when a mutation is issued; the disk catches up in issue order. Appends
 * are written to the page cache as soon as nothing is in front of them and share fsyncs: every
 * append written while an fsync is in flight rides on the next one (group commit), and callbacks
 * run in issue order ({@link LogSyncPolicy#PER_ENTRY} turns group commit off). Truncations, resets and segment roll-overs are barriers: they wait until
 * everything before them is durable, run their own durable sequence, and hold back later writes
 * until done. That ordering is what makes recovery's rule sound: only the newest segment can have
 * a torn tail, no truncation can be half-visible after a crash, and every frame past the durable
 * end of a file reads as zeros until a write fills it (a cut is durable before the next write, so
 * no stale frame survives past it).
 *
 * <p><b>Failures.</b> The first failure (a thrown write error or a failed fsync) is sticky: every
 * outstanding callback gets it, in order, and every later call throws it. A failed fsync is never
 * retried (DESIGN.md section 3: the kernel may have dropped the dirty pages already).
 *
 * <p>Single-threaded: call it only on the node's event loop, where the file system's completions
 * also run.
 */
public final class SegmentedLog implements LogStorage {
    private final FileSystem fs;
    private final String dir;
    private final SegmentedLogOptions options;
    private final RecoveryReport recoveryReport;

    // ---- the logical log ----
    private long firstIndex;
    /** slots.get(i) is the entry at index firstIndex + i. */
    private final List<Slot> slots;

    // ---- the disk ----
    /** The first index recorded in log_meta. */
    private long diskFirstIndex;

    private final List<Segment> segments;
    /** The segment appends go to; null until the next append creates one. */
    private Segment open;

    private final List<Segment> dirtySegments = new ArrayList<>();
    private boolean dirDirty;
    /** Ancestors to sync with the first durable operation: open() created these directories. */
    private List<String> unsyncedParents;

    // ---- the operation pipeline ----
    private final ArrayDeque<LogOp> queue = new ArrayDeque<>();
    /** Callbacks of appends in the page cache, waiting for the next fsync. */
    private List<IoCallback> written = new ArrayList<>();
    /** Callbacks covered by the fsync in flight. */
    private List<IoCallback> syncing = List.of();

    private boolean syncInFlight;
    /**
     * True while a sync's callbacks run: appends they issue wait for the loop to finish and then
     * share one fsync, instead of the first one starting an fsync of its own.
     */
    private boolean deliveringCallbacks;

    /**
     * Scratch for {@link #read}: the frames read from disk and the record gathered from them.
     * Reads are synchronous and decoding copies the entry out, so two growing buffers serve every
     * read instead of two arrays per entry (a restart reads back the whole log).
     */
    private byte[] readFrames = new byte[0];

    private byte[] readRecord = new byte[0];

    /**
     * Scratch for appends: the encoded records and their frames. A write copies what it is given
     * into the page cache before it returns (as write(2) does, and every FileHandle here does),
     * so the buffers are free again once it returns.
     */
    private byte[] appendRecords = new byte[0];

    private byte[] appendFrames = new byte[0];

    private LogOp barrier;
    private StorageException failure;
    private boolean closed;

    private SegmentedLog(
            FileSystem fs, String dir, SegmentedLogOptions options, LogRecovery.Result r, List<String> created) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.recoveryReport = r.report();
        this.firstIndex = r.firstIndex();
        this.diskFirstIndex = r.firstIndex();
        // Room to grow: copied at its exact size, the first append after every restart regrew
        // (copied) the whole index.
        List<Slot> recovered = r.slots();
        this.slots = new ArrayList<>(recovered.size() + Math.max(64, recovered.size() / 2));
        this.slots.addAll(recovered);
        this.segments = new ArrayList<>(r.segments());
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        this.open = last != null && last.open ? last : null;
        this.unsyncedParents = created;
        this.dirDirty = !created.isEmpty();
        if (r.repair() != null) {
            // Cut the unsynced tail durably before the next append writes where it was: else a
            // later crash could bring back frames of the old tail behind the new records.
            queue.add(new LogOp.Repair(r.repair().segment(), r.repair().offset(), err -> {}));
        }
    }

    /**
     * Opens the log in {@code dir} (created if absent), recovering it: see {@link LogRecovery}.
     *
     * @throws StorageException CORRUPT if a record other than a torn tail fails its checks; IO or
     *     NOT_FOUND if the files cannot be read
     */
    public static SegmentedLog open(FileSystem fs, String dir, SegmentedLogOptions options) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        List<String> created = AtomicFile.createDirs(fs, dir);
        return new SegmentedLog(fs, dir, options, LogRecovery.recover(fs, dir, options.frameBytes()), created);
    }

    public static SegmentedLog open(FileSystem fs, String dir) {
        return open(fs, dir, SegmentedLogOptions.DEFAULT);
    }

    /** What recovery found when this log was opened (torn tail cut, stale segments dropped). */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    // ---- reads ----

    @Override
    public long firstIndex() {
        checkUsable();
        return firstIndex;
    }

    @Override
    public long lastIndex() {
        checkUsable();
        return firstIndex + slots.size() - 1;
    }

    @Override
    public long termAt(long index) {
        checkUsable();
        Slot s = slot(index);
        return s == null ? 0 : s.term;
    }

    @Override
    public LogEntry entry(long index) {
        checkUsable();
        Slot s = slot(index);
        return s == null ? null : read(index, s);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        checkUsable();
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = Math.max(fromIndex, firstIndex); i <= Math.min(toIndexInclusive, lastIndex()); i++) {
            LogEntry e = read(i, slot(i));
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    private Slot slot(long index) {
        long i = index - firstIndex;
        return i < 0 || i >= slots.size() ? null : slots.get((int) i);
    }

    private LogEntry read(long index, Slot s) {
        if (s.pending != null) {
            return s.pending;
        }
        int frame = options.frameBytes();
        long from = s.offset / frame * frame;
        long to = LogRecovery.ceilFrame(s.segment.endOf(index), frame);
        int length = Math.toIntExact(to - from);
        if (readFrames.length < length) {
            readFrames = new byte[Math.max(length, 2 * readFrames.length)];
        }
        byte[] frames = readFrames;
        int pos = 0;
        try {
            while (pos < length) {
                int n = s.segment.handle.read(from + pos, frames, pos, length - pos);
                if (n < 0) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            s.segment.name + ": record " + index + " at offset " + s.offset + " is cut short at "
                                    + (from + pos));
                }
                pos += n;
            }
            if (readRecord.length < s.recordBytes) {
                readRecord = new byte[Math.max(s.recordBytes, 2 * readRecord.length)];
            }
            byte[] buf = readRecord;
            FrameCodec.gather(
                    frames,
                    length,
                    from / frame,
                    frame,
                    s.segment.firstIndex,
                    s.offset,
                    s.recordBytes,
                    // Built only for an error: concatenated eagerly it cost more than the read.
                    () -> s.segment.name + ": record " + index + "@" + s.term,
                    buf);
            RecordCodec.Decoded d = RecordCodec.decode(buf, 0, s.recordBytes);
            if (!(d instanceof RecordCodec.Ok ok)
                    || ok.entry().index() != index
                    || ok.entry().term() != s.term) {
                throw new StorageException(
                        StorageException.Kind.CORRUPT,
                        s.segment.name + ": record " + index + "@" + s.term + " at offset " + s.offset
                                + " reads back as " + d);
            }
            return ok.entry();
        } catch (StorageException e) {
            fail(e);
            throw e;
        }
    }

    // ---- mutations ----

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        checkUsable();
        Objects.requireNonNull(done, "done");
        List<LogEntry> copy = List.copyOf(entries);
        long expected = lastIndex() + 1;
        long prevTerm = termAt(lastIndex());
        // Indexed loops on the append path: with the launcher's small inlining limits the
        // iterators were not scalar-replaced and showed in allocation profiles.
        for (int i = 0; i < copy.size(); i++) {
            LogEntry e = copy.get(i);
            if (e.index() != expected) {
                throw new IllegalArgumentException(
                        "append must continue the log: expected index " + expected + ", got " + e.index());
            }
            if (e.term() < prevTerm) {
                throw new IllegalArgumentException("append must not decrease terms: index " + e.index() + " has term "
                        + e.term() + " after term " + prevTerm);
            }
            expected++;
            prevTerm = e.term();
        }
        for (int i = 0; i < copy.size(); i++) {
            LogEntry e = copy.get(i);
            slots.add(new Slot(e.term(), e));
        }
        if (options.syncPolicy() == LogSyncPolicy.PER_ENTRY && copy.size() > 1) {
            // One record per write-and-fsync; the caller hears once, when its last entry is durable
            // (a failure reaches it too: fail() answers every outstanding callback in order).
            for (int i = 0; i < copy.size(); i++) {
                queue.add(new LogOp.Append(List.of(copy.get(i)), i == copy.size() - 1 ? done : err -> {}));
            }
            pump();
            return;
        }
        enqueue(new LogOp.Append(copy, done));
    }

    @Override
    public void truncateSuffix(long lastIndexKept, IoCallback done) {
        checkUsable();
        Objects.requireNonNull(done, "done");
        if (lastIndexKept < firstIndex - 1) {
            throw new IllegalArgumentException("truncateSuffix(" + lastIndexKept + ") would cut below the first index "
                    + firstIndex + " (compacted entries cannot be truncated)");
        }
        if (lastIndexKept < lastIndex()) {
            slots.subList((int) (lastIndexKept - firstIndex + 1), slots.size()).clear();
        }
        enqueue(new LogOp.TruncateSuffix(lastIndexKept, done));
    }

    @Override
    public void truncatePrefix(long firstIndexKept, IoCallback done) {
        checkUsable();
        Objects.requireNonNull(done, "done");
        if (firstIndexKept > firstIndex) {
            long drop = Math.min(firstIndexKept - firstIndex, slots.size());
            slots.subList(0, (int) drop).clear();
            firstIndex = firstIndexKept;
        }
        enqueue(new LogOp.TruncatePrefix(firstIndexKept, done));
    }

    @Override
    public void reset(long nextLogIndex, IoCallback done) {
        checkUsable();
        Objects.requireNonNull(done, "done");
        if (nextLogIndex < 1) {
            throw new IllegalArgumentException("reset: nextLogIndex must be >= 1, got " + nextLogIndex);
        }
        slots.clear();
        firstIndex = nextLogIndex;
        enqueue(new LogOp.Reset(nextLogIndex, done));
    }

    /** Closes the files. Callbacks still outstanding never run: closing is for shutdown or a crash. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment s : segments) {
            s.handle.close();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("log " + dir + " is closed");
        }
        if (failure != null) {
            throw new StorageException(
                    failure.kind(),
                    "log " + dir + " failed earlier and refuses further use: " + failure.getMessage(),
                    failure);
        }
    }

    // ---- the pipeline ----

    private void enqueue(LogOp op) {
        queue.add(op);
        pump();
    }

    private boolean quiescent() {
        return !syncInFlight && written.isEmpty();
    }

    private void pump() {
        while (failure == null && !closed && barrier == null && !queue.isEmpty()) {
            LogOp op = queue.peek();
            if (op instanceof LogOp.Append a) {
                if (options.syncPolicy() == LogSyncPolicy.PER_ENTRY && !quiescent()) {
                    break; // no group commit: the next entry is written only once the last is durable
                }
                if (open != null
                        && open.sizeBytes >= options.maxSegmentBytes()
                        && !a.entries().isEmpty()) {
                    if (!quiescent()) {
                        break; // roll only once the full segment is durable: then it can never be torn
                    }
                    try {
                        rollOpenSegment();
                    } catch (StorageException e) {
                        fail(e);
                        return;
                    }
                }
                queue.poll();
                written.add(a.done());
                try {
                    writeAppend(a);
                } catch (StorageException e) {
                    fail(e);
                    return;
                }
            } else {
                if (!quiescent()) {
                    break;
                }
                barrier = queue.poll();
                try {
                    runBarrier(barrier, this::barrierDone);
                } catch (StorageException e) {
                    fail(e);
                    return;
                }
            }
        }
        if (failure == null && !closed && !syncInFlight && !deliveringCallbacks && !written.isEmpty()) {
            startSync();
        }
    }

    private void barrierDone(StorageException err) {
        // A failure meanwhile (a read error, say) already completed the barrier with it.
        if (closed || failure != null) {
            return;
        }
        if (err != null) {
            fail(err);
            return;
        }
        LogOp op = barrier;
        barrier = null;
        op.done().done(null);
        pump();
    }

    private void writeAppend(LogOp.Append a) {
        if (a.entries().isEmpty()) {
            return;
        }
        long first = a.entries().get(0).index();
        long diskLast = diskLastIndex();
        if (first != diskLast + 1) {
            throw new IllegalStateException(
                    "segmented log " + dir + ": writing index " + first + " but the disk ends at " + diskLast);
        }
        if (open == null) {
            String name = SegmentName.openName(first);
            FileHandle h = fs.open(AtomicFile.join(dir, name), true);
            open = new Segment(first, name, true, h);
            segments.add(open);
            dirDirty = true;
        }
        int frame = options.frameBytes();
        int cap = FrameCodec.payloadBytes(frame);
        int recordsLength = RecordCodec.encodedBytes(a.entries());
        if (appendRecords.length < recordsLength) {
            appendRecords = new byte[Math.max(recordsLength, 2 * appendRecords.length)];
        }
        RecordCodec.encodeInto(a.entries(), appendRecords);
        int framesLength = FrameCodec.framesFor(recordsLength, frame) * frame;
        if (appendFrames.length < framesLength) {
            appendFrames = new byte[Math.max(framesLength, 2 * appendFrames.length)];
        }
        long base = open.sizeBytes;
        FrameCodec.frame(appendRecords, recordsLength, open.firstIndex, base / frame, frame, appendFrames);
        open.handle.write(base, appendFrames, 0, framesLength);
        open.sizeBytes = base + framesLength;
        if (!dirtySegments.contains(open)) {
            dirtySegments.add(open);
        }
        int streamPos = 0;
        List<LogEntry> entries = a.entries();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            int len = RecordCodec.recordBytes(e);
            long offset = base + (long) (streamPos / cap) * frame + FrameCodec.HEADER_BYTES + streamPos % cap;
            int last = streamPos + len - 1;
            long end = base + (long) (last / cap) * frame + FrameCodec.HEADER_BYTES + last % cap + 1;
            open.appendRecord(offset, end);
            streamPos += len;
            Slot s = slot(e.index());
            if (s != null && s.pending == e) {
                s.pending = null;
                s.segment = open;
                s.offset = offset;
                s.recordBytes = len;
            }
        }
    }

    private long diskLastIndex() {
        return segments.isEmpty()
                ? diskFirstIndex - 1
                : segments.get(segments.size() - 1).lastIndex();
    }

    private void rollOpenSegment() {
        String closedName = SegmentName.closedName(open.firstIndex, open.lastIndex());
        fs.rename(AtomicFile.join(dir, open.name), AtomicFile.join(dir, closedName));
        open.name = closedName;
        open.open = false;
        open = null;
        dirDirty = true; // made durable by the next batch, together with the new segment's creation
    }

    /**
     * Group commit: fsync every dirty segment, then the directory if entries changed, then run the
     * callbacks of every append written before this sync started.
     */
    private void startSync() {
        syncInFlight = true;
        syncing = written;
        written = new ArrayList<>();
        List<Consumer<IoCallback>> steps = new ArrayList<>();
        for (Segment s : dirtySegments) {
            steps.add(s.handle::fsync);
        }
        dirtySegments.clear();
        if (dirDirty || steps.isEmpty()) {
            // With nothing dirty (empty appends) the directory sync is just the asynchronous
            // completion the callbacks promise.
            steps.add(cb -> fs.syncDirectory(dir, cb));
            dirDirty = false;
        }
        if (!unsyncedParents.isEmpty()) {
            List<String> parents = unsyncedParents;
            steps.add(cb -> AtomicFile.syncAll(fs, parents, cb));
            unsyncedParents = List.of();
        }
        runSteps(steps, 0, this::syncDone);
    }

    private void syncDone(StorageException err) {
        if (closed) {
            return;
        }
        syncInFlight = false;
        if (err != null) {
            fail(err);
            return;
        }
        List<IoCallback> done = syncing;
        syncing = List.of();
        deliveringCallbacks = true;
        try {
            for (int i = 0; i < done.size(); i++) {
                done.get(i).done(null);
            }
        } finally {
            deliveringCallbacks = false;
        }
        pump();
    }

    private void runSteps(List<Consumer<IoCallback>> steps, int i, IoCallback done) {
        if (failure != null) {
            // The log failed while the previous step's I/O was in flight: fail() has completed
            // this barrier or sync with the error; its remaining steps (deleting segments, say)
            // must not change the disk of a log that refuses further use.
            return;
        }
        if (i == steps.size()) {
            done.done(null);
            return;
        }
        try {
            steps.get(i).accept(err -> {
                if (err != null) {
                    done.done(err);
                } else {
                    runSteps(steps, i + 1, done);
                }
            });
        } catch (StorageException e) {
            done.done(e);
        }
    }

    // ---- barriers ----

    private void runBarrier(LogOp op, IoCallback done) {
        List<Consumer<IoCallback>> steps = new ArrayList<>();
        if (op instanceof LogOp.TruncateSuffix t) {
            truncateSuffixSteps(t.lastIndexKept(), steps);
        } else if (op instanceof LogOp.TruncatePrefix t) {
            truncatePrefixSteps(t.firstIndexKept(), steps);
        } else if (op instanceof LogOp.Reset r) {
            resetSteps(r.nextLogIndex(), steps);
        } else if (op instanceof LogOp.Repair r && segments.contains(r.segment())) {
            steps.add(cb -> cut(r.segment(), r.cutOffset(), cb));
        }
        if (steps.isEmpty()) {
            steps.add(cb -> fs.syncDirectory(dir, cb)); // nothing on disk to change: complete asynchronously
        }
        if (!unsyncedParents.isEmpty()) {
            List<String> parents = unsyncedParents;
            steps.add(cb -> AtomicFile.syncAll(fs, parents, cb));
            unsyncedParents = List.of();
        }
        runSteps(steps, 0, done);
    }

    /**
     * Deletes the segments after {@code lastKept} and makes that durable first; only then cuts
     * the segment holding {@code lastKept}. In the other order a crash could leave the cut durable
     * but the later segments back, a gap in the log.
     */
    private void truncateSuffixSteps(long lastKept, List<Consumer<IoCallback>> steps) {
        if (lastKept >= diskLastIndex()) {
            return;
        }
        while (!segments.isEmpty() && segments.get(segments.size() - 1).firstIndex > lastKept) {
            Segment s = segments.remove(segments.size() - 1);
            s.handle.close();
            fs.delete(AtomicFile.join(dir, s.name));
            dirtySegments.remove(s);
        }
        open = null;
        Segment s = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (s != null && !s.name.equals(SegmentName.openName(s.firstIndex))) {
            String openName = SegmentName.openName(s.firstIndex);
            fs.rename(AtomicFile.join(dir, s.name), AtomicFile.join(dir, openName));
            s.name = openName;
        }
        if (s != null) {
            s.open = true;
            open = s;
        }
        steps.add(cb -> fs.syncDirectory(dir, cb));
        if (s != null && s.lastIndex() > lastKept) {
            steps.add(cb -> {
                long end = s.endOf(lastKept);
                s.truncateAfter(lastKept);
                cut(s, end, cb);
            });
        }
    }

    /**
     * Cuts segment {@code s} durably just after file offset {@code end} (a record boundary): first
     * drop the frames wholly past it and fsync; then, if {@code end} falls inside a frame that
     * holds more, rewrite that one frame to end there and fsync. In the other order a crash could
     * keep the rewritten frame but bring back the frames after it, whose records would continue
     * a stream that no longer leads to them. A crash between the two steps leaves the old frame,
     * whose extra records or cut-short record recovery handles like any unsynced tail. The
     * rewrite relies on sector writes being atomic: the frame is either the old one or the new.
     */
    private void cut(Segment s, long end, IoCallback done) {
        int frame = options.frameBytes();
        long keep = LogRecovery.ceilFrame(end, frame);
        s.sizeBytes = keep;
        s.handle.truncate(keep);
        s.handle.fsync(err -> {
            if (err != null || end % frame == 0) {
                done.done(err);
                return;
            }
            try {
                long frameNo = end / frame;
                byte[] old = new byte[frame];
                int pos = 0;
                while (pos < frame) {
                    int n = s.handle.read(frameNo * frame + pos, old, pos, frame - pos);
                    if (n < 0) {
                        throw new StorageException(
                                StorageException.Kind.CORRUPT, s.name + ": frame " + frameNo + " cut short");
                    }
                    pos += n;
                }
                int used = (int) (end - frameNo * frame) - FrameCodec.HEADER_BYTES;
                FrameCodec.Slot slot = FrameCodec.classify(old, 0, frame, s.firstIndex, frameNo);
                if (!(slot instanceof FrameCodec.Valid v) || v.usedBytes() < used) {
                    throw new StorageException(
                            StorageException.Kind.CORRUPT,
                            s.name + ": frame " + frameNo + " to cut at payload byte " + used + " is " + slot);
                }
                if (v.usedBytes() == used) {
                    done.done(null);
                    return;
                }
                byte[] cutFrame = FrameCodec.cutFrame(old, frame, s.firstIndex, frameNo, used);
                s.handle.write(frameNo * frame, cutFrame, 0, frame);
                s.handle.fsync(done);
            } catch (StorageException e) {
                done.done(e);
            }
        });
    }

    /** Records the new first index in log_meta, then deletes the segments wholly before it. */
    private void truncatePrefixSteps(long firstKept, List<Consumer<IoCallback>> steps) {
        if (firstKept <= diskFirstIndex) {
            return;
        }
        steps.add(cb -> AtomicFile.write(fs, dir, LogMetaCodec.FILE_NAME, LogMetaCodec.encode(firstKept), cb));
        steps.add(cb -> {
            diskFirstIndex = firstKept;
            boolean deletedAny = false;
            while (!segments.isEmpty() && segments.get(0).lastIndex() < firstKept) {
                Segment s = segments.remove(0);
                s.handle.close();
                fs.delete(AtomicFile.join(dir, s.name));
                dirtySegments.remove(s);
                if (s == open) {
                    open = null;
                }
                deletedAny = true;
            }
            if (deletedAny) {
                fs.syncDirectory(dir, cb);
            } else {
                cb.done(null);
            }
        });
    }

    /**
     * Deletes every segment durably, then records the new first index. In the other order a crash
     * could bring back old entries at or after {@code nextLogIndex} under the new first index.
     */
    private void resetSteps(long nextLogIndex, List<Consumer<IoCallback>> steps) {
        for (Segment s : segments) {
            s.handle.close();
            fs.delete(AtomicFile.join(dir, s.name));
        }
        segments.clear();
        dirtySegments.clear();
        open = null;
        steps.add(cb -> fs.syncDirectory(dir, cb));
        steps.add(cb -> AtomicFile.write(fs, dir, LogMetaCodec.FILE_NAME, LogMetaCodec.encode(nextLogIndex), cb));
        steps.add(cb -> {
            diskFirstIndex = nextLogIndex;
            cb.done(null);
        });
    }

    private void fail(StorageException e) {
        if (failure != null) {
            return;
        }
        failure = e;
        List<IoCallback> victims = new ArrayList<>(syncing);
        syncing = List.of();
        victims.addAll(written);
        written = new ArrayList<>();
        if (barrier != null) {
            victims.add(barrier.done());
            barrier = null;
        }
        while (!queue.isEmpty()) {
            victims.add(queue.poll().done());
        }
        for (IoCallback cb : victims) {
            cb.done(e);
        }
    }
}
