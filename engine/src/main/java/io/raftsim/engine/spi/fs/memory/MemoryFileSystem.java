package io.raftsim.engine.spi.fs.memory;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An in-memory {@link FileSystem} with the crash semantics of a POSIX file system on a real disk
 * (DESIGN.md section 3): writes land in a page cache, {@link FileHandle#fsync} makes them durable
 * after a latency on the node's {@link Clock}, namespace changes are durable only after {@link
 * #syncDirectory}, and {@link #crash} throws away whatever was not durable (entirely, or a torn
 * prefix cut at sector granularity, chosen by the seeded random source).
 *
 * <p>Fault hooks for tests and the simulator: {@link #failNextFsync} (EIO that drops the dirty
 * pages, as Linux does), {@link #injectReadError} (latent sector error), {@link #flipBit} (bit rot
 * at rest), and {@link #setCapacityBytes} (ENOSPC).
 *
 * <p>Single-threaded: like the engine, it runs on the node's event loop only.
 */
public final class MemoryFileSystem implements FileSystem {
    private final Clock clock;
    private final SplittableRandom random;
    private final MemoryFsOptions options;
    private final DirNode root = new DirNode();
    /** Nodes (files or directories) whose next sync fails with EIO, in arming order. */
    private final List<FsNode> failingSyncs = new ArrayList<>();

    private long capacityBytes;
    private long epoch;
    private long fsyncs;
    private long dirSyncs;
    private long bytesWritten;

    public MemoryFileSystem(Clock clock, MemoryFsOptions options, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.random = new SplittableRandom(seed);
        this.capacityBytes = options.capacityBytes();
    }

    public MemoryFileSystem(Clock clock, long seed) {
        this(clock, MemoryFsOptions.DEFAULT, seed);
    }

    // ---- FileSystem ----

    @Override
    public FileHandle open(String path, boolean create) {
        String[] parts = split(path);
        if (parts.length == 0) {
            throw new StorageException(StorageException.Kind.IO, "cannot open the root directory as a file");
        }
        DirNode parent = parentOf(parts, path);
        String name = parts[parts.length - 1];
        FsNode node = parent.live.get(name);
        if (node instanceof DirNode) {
            throw new StorageException(StorageException.Kind.IO, "is a directory: " + path);
        }
        if (node == null) {
            if (!create) {
                throw new StorageException(StorageException.Kind.NOT_FOUND, "no such file: " + path);
            }
            node = new Inode();
            parent.live.put(name, node);
        }
        return new MemoryFileHandle(this, path, (Inode) node, epoch);
    }

    @Override
    public boolean exists(String path) {
        return lookup(path) != null;
    }

    @Override
    public List<String> list(String dir) {
        return lookup(dir) instanceof DirNode d ? List.copyOf(d.live.keySet()) : List.of();
    }

    @Override
    public void mkdirs(String dir) {
        DirNode cur = root;
        for (String part : split(dir)) {
            FsNode next = cur.live.get(part);
            if (next == null) {
                next = new DirNode();
                cur.live.put(part, next);
            } else if (!(next instanceof DirNode)) {
                throw new StorageException(StorageException.Kind.IO, "not a directory: " + part + " in " + dir);
            }
            cur = (DirNode) next;
        }
    }

    @Override
    public void rename(String from, String to) {
        String[] src = split(from);
        String[] dst = split(to);
        if (src.length == 0 || dst.length == 0) {
            throw new IllegalArgumentException("cannot rename the root: " + from + " -> " + to);
        }
        DirNode srcParent = parentOf(src, from);
        FsNode node = srcParent.live.get(src[src.length - 1]);
        if (node == null) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "rename source missing: " + from);
        }
        DirNode dstParent = parentOf(dst, to);
        FsNode replaced = dstParent.live.get(dst[dst.length - 1]);
        if (replaced instanceof DirNode d && (!(node instanceof DirNode) || !d.live.isEmpty())) {
            throw new StorageException(
                    StorageException.Kind.IO, "rename target is a non-empty directory or kind differs: " + to);
        }
        if (replaced instanceof Inode && node instanceof DirNode) {
            throw new StorageException(StorageException.Kind.IO, "cannot rename a directory over a file: " + to);
        }
        srcParent.live.remove(src[src.length - 1]);
        dstParent.live.put(dst[dst.length - 1], node);
    }

    @Override
    public void delete(String path) {
        String[] parts = split(path);
        if (parts.length == 0) {
            throw new IllegalArgumentException("cannot delete the root");
        }
        if (!(lookupParts(parts, parts.length - 1) instanceof DirNode parent)) {
            return;
        }
        FsNode node = parent.live.get(parts[parts.length - 1]);
        if (node instanceof DirNode d && !d.live.isEmpty()) {
            throw new StorageException(
                    StorageException.Kind.IO, "directory not empty: " + path + " holds " + d.live.keySet());
        }
        parent.live.remove(parts[parts.length - 1]);
    }

    @Override
    public void syncDirectory(String dir, IoCallback done) {
        if (!(lookup(dir) instanceof DirNode d)) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "no such directory: '" + dir + "'");
        }
        TreeMap<String, FsNode> snapshot = new TreeMap<>(d.live);
        long issuedEpoch = epoch;
        clock.schedule(options.dirSyncLatencyNanos(), () -> {
            if (issuedEpoch != epoch) {
                return; // the process crashed meanwhile: nobody is left to call back
            }
            dirSyncs++;
            if (failingSyncs.remove(d)) {
                done.done(new StorageException(StorageException.Kind.IO, "fsync of directory '" + dir + "' failed"));
                return;
            }
            d.durable = snapshot;
            done.done(null);
        });
    }

    // ---- crash and faults ----

    /**
     * The process dies: every open handle becomes unusable, pending fsync and directory-sync
     * completions never run, and each directory and file reverts to its durable state (plus, with
     * {@link CrashMode#TORN_PREFIX}, a seeded torn prefix of each file's unsynced writes; with
     * {@link CrashMode#TORN_ANY_ORDER}, a seeded subset of their sector-sized units).
     */
    public void crash(CrashMode mode) {
        Objects.requireNonNull(mode, "mode");
        epoch++;
        failingSyncs.clear();
        List<Inode> seen = new ArrayList<>();
        crashDir(root, mode, seen);
    }

    private void crashDir(DirNode dir, CrashMode mode, List<Inode> seen) {
        dir.live = new TreeMap<>(dir.durable);
        for (Map.Entry<String, FsNode> e : dir.live.entrySet()) {
            if (e.getValue() instanceof DirNode child) {
                crashDir(child, mode, seen);
            } else {
                Inode inode = (Inode) e.getValue();
                if (seen.stream().anyMatch(s -> s == inode)) {
                    continue;
                }
                seen.add(inode);
                int total = inode.pendingUnits(options.sectorBytes());
                boolean[] survives = new boolean[total];
                if (mode == CrashMode.TORN_PREFIX) {
                    java.util.Arrays.fill(survives, 0, random.nextInt(total + 1), true);
                } else if (mode == CrashMode.TORN_ANY_ORDER) {
                    for (int u = 0; u < total; u++) {
                        survives[u] = random.nextBoolean();
                    }
                }
                inode.crash(survives, options.sectorBytes());
            }
        }
    }

    /** The next fsync of this file or directory completes with EIO (and, for a file, drops its dirty pages). */
    public void failNextFsync(String path) {
        FsNode node = lookup(path);
        if (node == null) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "failNextFsync: no such entry: " + path);
        }
        failingSyncs.add(node);
    }

    /**
     * A misdirected write: the next write to this file lands {@code offsetDelta} bytes away from
     * where it was aimed (a firmware or driver bug that only checksums over the position catch).
     */
    public void misdirectNextWrite(String path, long offsetDelta) {
        inode(path).misdirectNextWriteBy = offsetDelta;
    }

    /** Reads of {@code [offset, offset + length)} of this file fail with EIO until {@link #clearReadErrors}. */
    public void injectReadError(String path, long offset, long length) {
        inode(path).readErrors.add(new long[] {offset, length});
    }

    public void clearReadErrors(String path) {
        inode(path).readErrors.clear();
    }

    /** Bit rot: flips bit {@code bit} (0-7) of the byte at {@code offset}, on disk and in the cache. */
    public void flipBit(String path, long offset, int bit) {
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("bit must be in [0, 7], got " + bit);
        }
        Inode inode = inode(path);
        if (offset < 0 || offset >= Math.max(inode.size(), inode.durableSize())) {
            throw new IllegalArgumentException("flipBit offset " + offset + " outside " + path + " (size "
                    + inode.size() + ", durable " + inode.durableSize() + ")");
        }
        inode.flipBit(offset, bit);
    }

    /** Flips a seeded random bit of the file's durable bytes; returns the byte offset. */
    public long flipRandomBit(String path) {
        Inode inode = inode(path);
        if (inode.durableSize() == 0) {
            throw new IllegalArgumentException("flipRandomBit: " + path + " has no durable bytes");
        }
        long offset = random.nextInt(inode.durableSize());
        inode.flipBit(offset, random.nextInt(8));
        return offset;
    }

    /** Changes the space limit; writes that would grow the files beyond it fail with ENOSPC. */
    public void setCapacityBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("capacityBytes must be >= 0, got " + bytes);
        }
        this.capacityBytes = bytes;
    }

    /** Bytes held by the files of the live namespace (page cache view). */
    public long usedBytes() {
        List<Inode> seen = new ArrayList<>();
        return usedBytes(root, seen);
    }

    /** The size of a file as a crash would leave it (durable bytes only), for tests. */
    public long durableSize(String path) {
        return inode(path).durableSize();
    }

    public MemoryFsStats stats() {
        return new MemoryFsStats(fsyncs, dirSyncs, bytesWritten, epoch);
    }

    // ---- package-private, used by handles ----

    long epoch() {
        return epoch;
    }

    void countWrite(int len) {
        bytesWritten += len;
    }

    void checkSpace(String path, long growthBytes) {
        if (growthBytes > 0 && capacityBytes != Long.MAX_VALUE && usedBytes() + growthBytes > capacityBytes) {
            throw new StorageException(
                    StorageException.Kind.NO_SPACE,
                    "no space left writing " + path + ": used " + usedBytes() + " + " + growthBytes + " > capacity "
                            + capacityBytes);
        }
    }

    void fsyncInode(String path, Inode inode, IoCallback done) {
        long coveredSeq = inode.lastSeq();
        long issuedEpoch = epoch;
        clock.schedule(options.fsyncLatencyNanos(), () -> {
            if (issuedEpoch != epoch) {
                return; // the process crashed meanwhile: nobody is left to call back
            }
            fsyncs++;
            if (failingSyncs.remove(inode)) {
                inode.dropPending(coveredSeq);
                done.done(new StorageException(StorageException.Kind.IO, "fsync of " + path + " failed (EIO)"));
                return;
            }
            inode.makeDurable(coveredSeq);
            done.done(null);
        });
    }

    // ---- namespace helpers ----

    private long usedBytes(DirNode dir, List<Inode> seen) {
        long total = 0;
        for (FsNode node : dir.live.values()) {
            if (node instanceof DirNode d) {
                total += usedBytes(d, seen);
            } else if (seen.stream().noneMatch(s -> s == node)) {
                seen.add((Inode) node);
                total += ((Inode) node).size();
            }
        }
        return total;
    }

    private Inode inode(String path) {
        if (lookup(path) instanceof Inode inode) {
            return inode;
        }
        throw new StorageException(StorageException.Kind.NOT_FOUND, "no such file: " + path);
    }

    private FsNode lookup(String path) {
        String[] parts = split(path);
        return lookupParts(parts, parts.length);
    }

    private FsNode lookupParts(String[] parts, int count) {
        FsNode cur = root;
        for (int i = 0; i < count; i++) {
            if (!(cur instanceof DirNode d)) {
                return null;
            }
            cur = d.live.get(parts[i]);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private DirNode parentOf(String[] parts, String path) {
        if (lookupParts(parts, parts.length - 1) instanceof DirNode parent) {
            return parent;
        }
        throw new StorageException(StorageException.Kind.NOT_FOUND, "parent directory missing for " + path);
    }

    /** Splits a relative '/'-separated path; "" is the root. Rejects absolute paths, '.', '..' and empty parts. */
    static String[] split(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            return new String[0];
        }
        String[] parts = path.split("/", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) {
                throw new IllegalArgumentException("bad path '" + path + "': relative '/'-separated names only");
            }
        }
        return parts;
    }
}
