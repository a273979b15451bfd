package io.raftsim.sim.disk;

import io.raftsim.sim.Simulation;
import java.nio.charset.StandardCharsets;

/** A simulation with one disk, and helpers that run syncs to completion. */
final class DiskFixture {
    final Simulation sim;
    final SimDisk disk;

    DiskFixture(long seed) {
        this(seed, DiskConfig.defaults());
    }

    DiskFixture(long seed, DiskConfig config) {
        sim = new Simulation(seed);
        disk = new SimDisk(sim, 0, "d0", config);
    }

    /** Runs an fsync to completion and returns its error (null on success). */
    DiskException fsync(SimFile f) {
        DiskException[] result = {null};
        boolean[] called = {false};
        f.fsync(e -> {
            called[0] = true;
            result[0] = e;
        });
        sim.runUntil(Long.MAX_VALUE);
        if (!called[0]) {
            throw new IllegalStateException("fsync of " + f.path() + " never completed");
        }
        return result[0];
    }

    DiskException syncDir(String dir) {
        DiskException[] result = {null};
        boolean[] called = {false};
        disk.syncDirectory(dir, e -> {
            called[0] = true;
            result[0] = e;
        });
        sim.runUntil(Long.MAX_VALUE);
        if (!called[0]) {
            throw new IllegalStateException("sync of directory " + dir + " never completed");
        }
        return result[0];
    }

    static void write(SimFile f, long offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        f.write(offset, b, 0, b.length);
    }

    static void write(SimFile f, long offset, byte[] b) {
        f.write(offset, b, 0, b.length);
    }

    /** The whole file as the node sees it. */
    static byte[] readAll(SimFile f) {
        byte[] b = new byte[(int) f.size()];
        int n = b.length == 0 ? 0 : f.read(0, b, 0, b.length);
        if (b.length > 0 && n != b.length) {
            throw new IllegalStateException("short read " + n + " of " + b.length);
        }
        return b;
    }

    String contentOf(String path) {
        return new String(readAll(disk.open(path, false)), StandardCharsets.UTF_8);
    }

    /** Creates {@code path} with {@code content} and makes both the data and the entry durable. */
    SimFile durableFile(String path, String content) {
        SimFile f = disk.open(path, true);
        write(f, 0, content);
        if (fsync(f) != null || syncDir(SimPaths.parent(SimPaths.normalize(path))) != null) {
            throw new IllegalStateException("setup sync failed");
        }
        return f;
    }
}
