package io.raftsim.benchmarks;

import io.raftsim.sim.Simulation;
import io.raftsim.sim.disk.CrashMode;
import io.raftsim.sim.disk.DiskConfig;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.disk.SimFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The disk model: {@value #WRITES} appends of {@code recordBytes} to a file on the simulated disk
 * (sim-disk, the disk the harness runs the engine on), an fsync every {@code writesPerSync} appends (group commit), then a crash that
 * drops the unsynced tail. Reported per append.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiskModelBench {
    static final int WRITES = 20_000;

    @Param({"1", "32"})
    public int writesPerSync;

    @Param({"128"})
    public int recordBytes;

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public long appendSyncCrash() {
        Simulation sim = new Simulation(3);
        SimDisk disk = new SimDisk(sim, 0, "bench", DiskConfig.defaults());
        disk.mkdirs("log");
        SimFile h = disk.open("log/seg", true);
        byte[] record = new byte[recordBytes];
        long[] synced = {0};
        long offset = 0;
        for (int i = 0; i < WRITES; i++) {
            record[0] = (byte) i;
            h.write(offset, record, 0, record.length);
            offset += record.length;
            if ((i + 1) % writesPerSync == 0) {
                h.fsync(err -> synced[0]++);
                sim.run(Long.MAX_VALUE, Long.MAX_VALUE);
            }
        }
        disk.crash(CrashMode.TORN_PREFIX);
        return synced[0] + disk.counters().bytesWritten();
    }
}
