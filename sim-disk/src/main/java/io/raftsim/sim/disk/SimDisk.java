package io.raftsim.sim.disk;

import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node's simulated disk (DESIGN.md section 3): a tree of files and directories where every
 * file has durable bytes and a page cache of unsynced changes, and every directory has durable
 * entries and live ones. {@link SimFile#fsync} and {@link #syncDirectory} make changes durable
 * after the device's latency; {@link #crash} throws away what was not, all of it or a torn part.
 *
 * <p>The operations mirror the engine's file-system SPI one to one: namespace operations, reads and
 * writes are synchronous and throw {@link DiskException}; syncs complete with a {@link
 * DiskCallback} on the simulation.
 */
public final class SimDisk {
    /** Event kinds, as they appear in the trace and event log. */
    public static final String FSYNC = "disk.fsync";

    public static final String DIR_SYNC = "disk.dirsync";

    private final Simulation sim;
    private final int node;
    private final String name;
    /** Not final: {@link #setLatency} lets a benchmark scenario make a healthy disk slow mid-run. */
    private DiskConfig config;

    private final DiskFaults faults = new DiskFaults();
    private final RandomStream fsyncErrorRnd;
    private final RandomStream readErrorRnd;
    private final RandomStream misdirectRnd;
    private final RandomStream crashRnd;
    private final RandomStream bitFlipRnd;
    private FsNode.Dir root = new FsNode.Dir();
    private long crashGeneration;
    private long nextSeq;
    private long deviceFreeAtNs;
    private long usedBytes;
    private long writes;
    private long bytesWritten;
    private long reads;
    private long fsyncs;
    private long fsyncErrors;
    private long dirSyncs;
    private long misdirectedWrites;
    private long crashes;

    /**
     * @param node the node id used for this disk's events in the trace
     * @param name unique per simulation: it names the disk's random streams ({@code disk/<name>/...})
     */
    public SimDisk(Simulation sim, int node, String name, DiskConfig config) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.node = node;
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        String prefix = "disk/" + name + "/";
        this.fsyncErrorRnd = sim.random(prefix + "fsync-error");
        this.readErrorRnd = sim.random(prefix + "read-error");
        this.misdirectRnd = sim.random(prefix + "misdirected-write");
        this.crashRnd = sim.random(prefix + "crash");
        this.bitFlipRnd = sim.random(prefix + "bit-flip");
    }

    public String name() {
        return name;
    }

    public DiskConfig config() {
        return config;
    }

    /** From now on the device takes {@code latency} (a disk turning slow, or recovering). */
    public void setLatency(DiskLatency latency) {
        config = config.withLatency(Objects.requireNonNull(latency, "latency"));
    }

    /** The fault switches of this disk. */
    public DiskFaults faults() {
        return faults;
    }

    long crashGeneration() {
        return crashGeneration;
    }

    /** Bytes the live files take (what ENOSPC is judged against). */
    public long usedBytes() {
        return usedBytes;
    }

    public DiskCounters counters() {
        return new DiskCounters(writes, bytesWritten, reads, fsyncs, fsyncErrors, dirSyncs, misdirectedWrites, crashes);
    }

    // ---- namespace -----------------------------------------------------------------------------

    private FsNode lookup(String path) {
        // Walks the normalized path's segments in place: a lookup runs on every open, rename and
        // sync, and a list of segments per call showed in the profile.
        String p = SimPaths.normalize(path);
        FsNode cur = root;
        int start = 0;
        while (start < p.length()) {
            int slash = p.indexOf('/', start);
            int end = slash < 0 ? p.length() : slash;
            if (!(cur instanceof FsNode.Dir d)) {
                return null;
            }
            cur = d.live.get(p.substring(start, end));
            if (cur == null) {
                return null;
            }
            start = end + 1;
        }
        return cur;
    }

    private FsNode.Dir dir(String path) {
        FsNode n = lookup(path);
        if (n == null) {
            throw new DiskException(DiskErrorKind.NOT_FOUND, "directory '" + path + "' does not exist on " + name);
        }
        if (!(n instanceof FsNode.Dir d)) {
            throw new DiskException(DiskErrorKind.IO, "'" + path + "' is a file, not a directory, on " + name);
        }
        return d;
    }

    /** Opens a file, creating it (empty, not yet durable) if {@code create} and it is absent. */
    public SimFile open(String path, boolean create) {
        String p = SimPaths.normalize(path);
        if (p.isEmpty()) {
            throw new DiskException(DiskErrorKind.IO, "cannot open the root directory as a file");
        }
        FsNode.Dir parent = dir(SimPaths.parent(p));
        FsNode n = parent.live.get(SimPaths.name(p));
        if (n == null) {
            if (!create) {
                throw new DiskException(DiskErrorKind.NOT_FOUND, "file '" + p + "' does not exist on " + name);
            }
            n = new FsNode.Inode();
            parent.live.put(SimPaths.name(p), n);
        }
        if (!(n instanceof FsNode.Inode inode)) {
            throw new DiskException(DiskErrorKind.IO, "'" + p + "' is a directory, not a file");
        }
        return new SimFile(this, p, inode, crashGeneration);
    }

    public boolean exists(String path) {
        return lookup(path) != null;
    }

    /** Names of a directory's entries, sorted; empty if it is absent or a file. */
    public List<String> list(String dir) {
        FsNode n = lookup(dir);
        return n instanceof FsNode.Dir d ? new ArrayList<>(d.live.keySet()) : List.of();
    }

    /** Creates a directory and its parents if absent (durable once each parent is synced). */
    public void mkdirs(String dir) {
        FsNode.Dir cur = root;
        for (String s : SimPaths.segments(dir)) {
            FsNode n = cur.live.get(s);
            if (n == null) {
                n = new FsNode.Dir();
                cur.live.put(s, n);
            }
            if (!(n instanceof FsNode.Dir d)) {
                throw new DiskException(DiskErrorKind.IO, "'" + s + "' in '" + dir + "' is a file on " + name);
            }
            cur = d;
        }
    }

    /** Atomically replaces {@code to} with {@code from} (durable once both parents are synced). */
    public void rename(String from, String to) {
        String f = SimPaths.normalize(from);
        String t = SimPaths.normalize(to);
        if (f.isEmpty() || t.isEmpty()) {
            throw new DiskException(DiskErrorKind.IO, "cannot rename the root directory");
        }
        FsNode.Dir fromParent = dir(SimPaths.parent(f));
        FsNode moving = fromParent.live.get(SimPaths.name(f));
        if (moving == null) {
            throw new DiskException(DiskErrorKind.NOT_FOUND, "rename source '" + f + "' does not exist on " + name);
        }
        FsNode.Dir toParent = dir(SimPaths.parent(t));
        if (f.equals(t)) {
            return;
        }
        if (moving instanceof FsNode.Dir && t.startsWith(f + "/")) {
            throw new DiskException(DiskErrorKind.IO, "cannot move directory '" + f + "' into itself ('" + t + "')");
        }
        FsNode replaced = toParent.live.get(SimPaths.name(t));
        if (replaced instanceof FsNode.Dir rd) {
            if (!(moving instanceof FsNode.Dir) || !rd.live.isEmpty()) {
                throw new DiskException(
                        DiskErrorKind.IO, "rename target '" + t + "' is a non-empty or incompatible directory");
            }
        } else if (replaced instanceof FsNode.Inode ri) {
            if (moving instanceof FsNode.Dir) {
                throw new DiskException(DiskErrorKind.IO, "cannot replace file '" + t + "' with a directory");
            }
            usedBytes -= ri.visible.size();
        }
        fromParent.live.remove(SimPaths.name(f));
        toParent.live.put(SimPaths.name(t), moving);
    }

    /** Deletes a file or an empty directory; absent is not an error (durable once the parent is synced). */
    public void delete(String path) {
        String p = SimPaths.normalize(path);
        if (p.isEmpty()) {
            throw new DiskException(DiskErrorKind.IO, "cannot delete the root directory");
        }
        FsNode parent = lookup(SimPaths.parent(p));
        if (!(parent instanceof FsNode.Dir d)) {
            return;
        }
        FsNode n = d.live.get(SimPaths.name(p));
        if (n instanceof FsNode.Dir sub && !sub.live.isEmpty()) {
            throw new DiskException(DiskErrorKind.IO, "directory '" + p + "' is not empty: " + sub.live.keySet());
        }
        if (n instanceof FsNode.Inode inode) {
            usedBytes -= inode.visible.size();
        }
        d.live.remove(SimPaths.name(p));
    }

    /** Makes the directory's entries as they are now durable; {@code done} runs after the latency. */
    public void syncDirectory(String dir, DiskCallback done) {
        Objects.requireNonNull(done, "done");
        String p = SimPaths.normalize(dir);
        FsNode n = lookup(p);
        dirSyncs++;
        if (!(n instanceof FsNode.Dir d)) {
            DiskException e =
                    new DiskException(DiskErrorKind.NOT_FOUND, "directory '" + p + "' does not exist on " + name);
            sim.schedule(0, DIR_SYNC, node, StableHash.of(p), () -> done.done(e));
            return;
        }
        TreeMap<String, FsNode> snapshot = new TreeMap<>(d.live);
        boolean fail = syncFails();
        long at = reserveDevice(config.latency().dirSyncNs());
        long gen = crashGeneration;
        sim.scheduleAt(at, DIR_SYNC, node, StableHash.combine(StableHash.of(p), snapshot.size()), () -> {
            if (gen != crashGeneration) {
                return; // the process that asked died with the crash
            }
            if (fail) {
                fsyncErrors++;
                done.done(new DiskException(DiskErrorKind.IO, "sync of directory '" + p + "' failed on " + name));
            } else {
                d.durable = snapshot;
                done.done(null);
            }
        });
    }

    private boolean syncFails() {
        boolean forced = faults.takeFailNextFsync();
        double p = faults.fsyncErrorProbability();
        return forced || (p > 0 && fsyncErrorRnd.chance(p));
    }

    /** The device does one sync at a time: returns when one costing {@code costNs} completes. */
    private long reserveDevice(long costNs) {
        long start = Math.max(sim.nowNs(), deviceFreeAtNs);
        deviceFreeAtNs = start + costNs;
        return deviceFreeAtNs;
    }

    // ---- file data -----------------------------------------------------------------------------

    int read(SimFile f, long offset, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        ByteImage.checkRange(offset, len);
        reads++;
        // Indexed loops on the per-read and per-fsync paths: with the launcher's small inlining
        // limits an iterator here was not scalar-replaced and showed in allocation profiles.
        List<DiskFaults.ReadErrorRange> readErrors = faults.readErrors();
        for (int i = 0; i < readErrors.size(); i++) {
            DiskFaults.ReadErrorRange r = readErrors.get(i);
            if (r.overlaps(f.path(), offset, len)) {
                throw new DiskException(
                        DiskErrorKind.IO,
                        "read of " + f.path() + " at " + offset + "+" + len + " hit a bad range " + r.offset() + "+"
                                + r.length());
            }
        }
        double p = faults.readErrorProbability();
        if (p > 0 && readErrorRnd.chance(p)) {
            throw new DiskException(DiskErrorKind.IO, "read of " + f.path() + " at " + offset + "+" + len + " failed");
        }
        int n = f.inode.visible.read(offset, dst, dstOff, len);
        if (n > 0) {
            reserveDevice(n * config.latency().readNsPerKiB() / 1024);
        }
        return n;
    }

    void write(SimFile f, long offset, byte[] src, int srcOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        ByteImage.checkRange(offset, len);
        long target = offset;
        double p = faults.misdirectedWriteProbability();
        if (p > 0 && misdirectRnd.chance(p)) {
            long shift = (1 + misdirectRnd.nextLong(4)) * config.sectorSizeBytes();
            target = misdirectRnd.chance(0.5) ? offset + shift : Math.max(0, offset - shift);
            ByteImage.checkRange(target, len);
            misdirectedWrites++;
        }
        FsNode.Inode inode = f.inode;
        long growth = Math.max(0, target + len - inode.visible.size());
        checkSpace(growth, f.path());
        inode.visible.write(target, src, srcOff, len);
        inode.pending.add(new PendingOp.Write(nextSeq++, target, Arrays.copyOfRange(src, srcOff, srcOff + len)));
        usedBytes += growth;
        writes++;
        bytesWritten += len;
    }

    private void checkSpace(long growth, String path) {
        if (growth > 0 && (faults.full() || usedBytes + growth > config.capacityBytes())) {
            throw new DiskException(
                    DiskErrorKind.NO_SPACE,
                    "no space for " + growth + " more bytes of " + path + " on "
                            + name + " (used " + usedBytes + " of " + config.capacityBytes()
                            + (faults.full() ? ", full" : "")
                            + ")");
        }
    }

    void truncate(SimFile f, long size) {
        ByteImage.checkRange(size, 0);
        FsNode.Inode inode = f.inode;
        long delta = size - inode.visible.size();
        checkSpace(delta, f.path());
        inode.visible.truncate(size);
        inode.pending.add(new PendingOp.Truncate(nextSeq++, size));
        usedBytes += delta;
    }

    void fsync(SimFile f, DiskCallback done) {
        Objects.requireNonNull(done, "done");
        FsNode.Inode inode = f.inode;
        long upToSeq = nextSeq - 1;
        long dirty = 0;
        List<PendingOp> pending = inode.pending;
        for (int i = 0; i < pending.size(); i++) {
            PendingOp op = pending.get(i);
            if (op.seq() > inode.writebackQueuedUpToSeq) {
                dirty += op.dirtyBytes(); // not already being written back by an earlier fsync
            }
        }
        inode.writebackQueuedUpToSeq = upToSeq;
        boolean fail = syncFails();
        long cost = config.latency().fsyncBaseNs() + (dirty * config.latency().writebackNsPerKiB()) / 1024;
        long at = reserveDevice(cost);
        long gen = crashGeneration;
        fsyncs++;
        String path = f.path();
        sim.scheduleAt(at, FSYNC, node, StableHash.combine(f.pathHash, dirty), () -> {
            if (gen != crashGeneration) {
                return;
            }
            int settled = 0;
            for (int i = 0; i < inode.pending.size(); i++) {
                PendingOp op = inode.pending.get(i);
                if (op.seq() > upToSeq) {
                    break;
                }
                if (!fail) {
                    op.applyTo(inode.durable);
                }
                settled++;
            }
            // On EIO the dirty pages are marked clean without reaching the disk (Linux): forgotten.
            inode.pending.subList(0, settled).clear();
            if (fail) {
                fsyncErrors++;
                done.done(new DiskException(DiskErrorKind.IO, "fsync of " + path + " failed on " + name));
            } else {
                done.done(null);
            }
        });
    }

    // ---- crashes and corruption ----------------------------------------------------------------

    /** A crash whose treatment of unsynced writes is drawn from the disk's crash stream. */
    public CrashMode crash() {
        CrashMode mode = CrashMode.LOSE_UNSYNCED;
        double p = faults.tornCrashProbability();
        if (p > 0 && crashRnd.chance(p)) {
            mode = crashRnd.chance(0.5) ? CrashMode.TORN_PREFIX : CrashMode.TORN_ANY_ORDER;
        }
        crash(mode);
        return mode;
    }

    /**
     * The machine lost power: pending syncs never complete, open files die, and the node sees only
     * what was durable (plus, under a torn mode, part of what was not).
     */
    public void crash(CrashMode mode) {
        Objects.requireNonNull(mode, "mode");
        crashes++;
        crashGeneration++;
        deviceFreeAtNs = sim.nowNs();
        rebuild(root, mode);
        usedBytes = liveBytes(root);
    }

    private void rebuild(FsNode.Dir d, CrashMode mode) {
        d.live = new TreeMap<>(d.durable);
        for (FsNode n : d.durable.values()) {
            if (n instanceof FsNode.Dir sub) {
                rebuild(sub, mode);
            } else if (n instanceof FsNode.Inode inode && inode.rebuiltAtCrash != crashGeneration) {
                inode.rebuiltAtCrash = crashGeneration;
                settle(inode, mode);
            }
        }
    }

    private void settle(FsNode.Inode inode, CrashMode mode) {
        if (mode != CrashMode.LOSE_UNSYNCED && !inode.pending.isEmpty()) {
            List<PendingOp> chunks = sectorChunks(inode.pending);
            if (mode == CrashMode.TORN_PREFIX) {
                int survivors = crashRnd.nextInt(chunks.size() + 1);
                for (int i = 0; i < survivors; i++) {
                    chunks.get(i).applyTo(inode.durable);
                }
            } else {
                for (PendingOp c : chunks) {
                    if (crashRnd.chance(0.5)) {
                        c.applyTo(inode.durable);
                    }
                }
            }
        }
        inode.pending.clear();
        inode.visible = inode.durable.copy();
    }

    /** Splits writes at sector boundaries: the unit a crash can keep or lose. */
    private List<PendingOp> sectorChunks(List<PendingOp> ops) {
        int sector = config.sectorSizeBytes();
        List<PendingOp> out = new ArrayList<>();
        for (PendingOp op : ops) {
            if (op instanceof PendingOp.Write w) {
                long pos = w.offset();
                long end = w.offset() + w.bytes().length;
                while (pos < end) {
                    long next = Math.min(end, (pos / sector + 1) * sector);
                    int from = (int) (pos - w.offset());
                    out.add(new PendingOp.Write(
                            w.seq(), pos, Arrays.copyOfRange(w.bytes(), from, from + (int) (next - pos))));
                    pos = next;
                }
            } else {
                out.add(op);
            }
        }
        return out;
    }

    private static long liveBytes(FsNode.Dir d) {
        long sum = 0;
        for (Map.Entry<String, FsNode> e : d.live.entrySet()) {
            if (e.getValue() instanceof FsNode.Dir sub) {
                sum += liveBytes(sub);
            } else if (e.getValue() instanceof FsNode.Inode inode) {
                sum += inode.visible.size();
            }
        }
        return sum;
    }

    /**
     * Flips {@code count} random bits of the file's durable bytes (rot at rest). Where the page
     * cache holds the same byte clean, it shows the flip too, as after an eviction and re-read.
     */
    public List<BitFlip> flipBits(String path, int count) {
        String p = SimPaths.normalize(path);
        if (!(lookup(p) instanceof FsNode.Inode inode)) {
            throw new DiskException(DiskErrorKind.NOT_FOUND, "file '" + p + "' does not exist on " + name);
        }
        List<BitFlip> flips = new ArrayList<>();
        int size = inode.durable.size();
        for (int i = 0; i < count && size > 0; i++) {
            int off = bitFlipRnd.nextInt(size);
            int bit = bitFlipRnd.nextInt(8);
            boolean clean = off < inode.visible.size() && inode.visible.get(off) == inode.durable.get(off);
            inode.durable.flipBit(off, bit);
            if (clean) {
                inode.visible.flipBit(off, bit);
            }
            flips.add(new BitFlip(p, off, bit));
        }
        return flips;
    }

    /** Flips {@code count} bits spread over the disk's durable files (chosen by the bit-flip stream). */
    public List<BitFlip> flipRandomBits(int count) {
        List<String> files = new ArrayList<>();
        collectDurableFiles(root, "", files);
        List<BitFlip> flips = new ArrayList<>();
        for (int i = 0; i < count && !files.isEmpty(); i++) {
            flips.addAll(flipBits(files.get(bitFlipRnd.nextInt(files.size())), 1));
        }
        return flips;
    }

    private void collectDurableFiles(FsNode.Dir d, String prefix, List<String> out) {
        for (Map.Entry<String, FsNode> e : d.durable.entrySet()) {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            if (e.getValue() instanceof FsNode.Dir sub) {
                collectDurableFiles(sub, p, out);
            } else if (e.getValue() instanceof FsNode.Inode inode && inode.durable.size() > 0 && lookup(p) == inode) {
                out.add(p);
            }
        }
    }
}
