package io.raftsim.sim.disk.bench;

import io.raftsim.sim.Simulation;
import io.raftsim.sim.disk.DiskConfig;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.disk.SimFile;
import io.raftsim.sim.jdk.JdkStopwatch;

/**
 * Disk throughput: 4 KiB appends each followed by an fsync (the next append waits for the
 * previous fsync, as a log without batching does), and the same appends with one fsync per batch
 * of 64. Prints simulator speed (ops per wall second) and the simulated disk's speed (ops per
 * virtual second), so batching shows. Not a test. Run: {@code java -cp
 * sim-core/target/classes:sim-disk/target/classes io.raftsim.sim.disk.bench.DiskBench}.
 */
public final class DiskBench {
    private DiskBench() {}

    public static void main(String[] args) {
        long ops = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        System.out.println("| scenario | write+fsync ops | wall s | CPU s | ops/s (wall) | ops/s (CPU, one core)"
                + " | ops/s (virtual disk time) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int batch : new int[] {1, 64}) {
            measure(batch, ops / 4); // warm-up
            double[] r = measure(batch, ops);
            System.out.printf(
                    "| disk, 4 KiB appends, fsync every %d | %d | %.3f | %.3f | %,.0f | %,.0f | %,.0f |%n",
                    batch, ops, r[0], r[1], ops / r[0], ops / r[1], ops / r[2]);
        }
    }

    /** Returns {wall seconds, CPU seconds, virtual seconds}. */
    static double[] measure(int batch, long ops) {
        Simulation sim = new Simulation(3);
        // Large enough for the run; the file is truncated now and then to keep memory flat.
        SimDisk disk = new SimDisk(sim, 0, "bench", DiskConfig.defaults());
        SimFile f = disk.open("log", true);
        byte[] record = new byte[4096];
        long[] remaining = {ops};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            int n = (int) Math.min(batch, remaining[0]);
            if (n == 0) {
                return;
            }
            if (f.size() > (64L << 20)) {
                f.truncate(0);
            }
            for (int i = 0; i < n; i++) {
                f.write(f.size(), record, 0, record.length);
            }
            remaining[0] -= n;
            f.fsync(e -> next[0].run());
        };
        JdkStopwatch sw = new JdkStopwatch();
        next[0].run();
        sim.runUntil(Long.MAX_VALUE);
        return new double[] {sw.elapsedSeconds(), sw.cpuSeconds(), sim.nowNs() / 1e9};
    }
}
