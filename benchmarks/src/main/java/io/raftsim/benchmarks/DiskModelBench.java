package io.raftsim.benchmarks;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.Timer;
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
 * The disk model: {@value #WRITES} appends of {@code recordBytes} to a file of the in-memory crash
 * file system, an fsync every {@code writesPerSync} appends (group commit), then a crash that
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

    /** The engine's clock SPI on the simulation's virtual time. */
    static final class SimTime implements Clock {
        private final Simulation sim;

        SimTime(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public long nowNanos() {
            return sim.nowNs();
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            Timer t = sim.schedule(delayNanos, "disk", 0, 0, task);
            return t::cancel;
        }
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public long appendSyncCrash() {
        Simulation sim = new Simulation(3);
        MemoryFileSystem fs = new MemoryFileSystem(new SimTime(sim), 11);
        fs.mkdirs("log");
        FileHandle h = fs.open("log/seg", true);
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
        fs.crash(CrashMode.LOSE_UNSYNCED);
        return synced[0] + fs.stats().bytesWritten();
    }
}
