package io.raftsim.benchmarks;

import io.raftsim.sim.RunResult;
import io.raftsim.sim.Simulation;
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
 * The event loop: {@value #EVENTS} trivial events per invocation, spread over {@code chains}
 * concurrent chains that each schedule their successor (queue depth = chains). Reported per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventLoopBench {
    static final int EVENTS = 100_000;

    @Param({"1", "1024"})
    public int chains;

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long scheduleAndRun() {
        Simulation sim = new Simulation(42);
        long[] left = {EVENTS};
        for (int c = 0; c < chains; c++) {
            int chain = c;
            sim.schedule(1 + c, "bench", -1, c, new Runnable() {
                @Override
                public void run() {
                    if (--left[0] > 0) {
                        sim.schedule(1_000 + (chain * 7919L + left[0]) % 5_000, "bench", -1, chain, this);
                    }
                }
            });
        }
        RunResult r = sim.run(Long.MAX_VALUE, Long.MAX_VALUE);
        if (r == null) {
            throw new IllegalStateException("run returned no result");
        }
        return sim.executedEvents();
    }
}
