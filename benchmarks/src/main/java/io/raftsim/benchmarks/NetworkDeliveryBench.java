package io.raftsim.benchmarks;

import io.raftsim.sim.Simulation;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.SimNetwork;
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
 * Network delivery: {@value #MESSAGES} messages among 5 endpoints (all-to-all, round robin), each
 * sent, scheduled with latency and jitter, and delivered to its handler. Stream links keep FIFO
 * order per link; datagram links may reorder. Reported per message delivered.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NetworkDeliveryBench {
    static final int MESSAGES = 50_000;

    @Param({"stream", "datagram"})
    public String mode;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long sendAndDeliver() {
        Simulation sim = new Simulation(7);
        LinkConfig link = mode.equals("stream")
                ? LinkConfig.stream(1_000_000L, 1_000_000L)
                : LinkConfig.datagram(1_000_000L, 1_000_000L);
        SimNetwork<Long> net = new SimNetwork<>(sim, link);
        long[] delivered = {0};
        Endpoint[] eps = new Endpoint[5];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = net.addEndpoint("n" + i, env -> delivered[0]++);
        }
        for (int m = 0; m < MESSAGES; m++) {
            int from = m % 5;
            int to = (from + 1 + (m / 5) % 4) % 5;
            net.send(eps[from], eps[to], (long) m, 64, m);
        }
        sim.run(Long.MAX_VALUE, Long.MAX_VALUE);
        if (delivered[0] != MESSAGES) {
            throw new IllegalStateException("delivered " + delivered[0] + " of " + MESSAGES);
        }
        return delivered[0];
    }
}
