package io.raftsim.sim.net.bench;

import io.raftsim.sim.Simulation;
import io.raftsim.sim.jdk.JdkStopwatch;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.SimNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Network throughput on one core: 5 endpoints that answer every delivered message with a new one to
 * the next endpoint (a ping-pong ring with 256 messages in flight), on STREAM and on jittery (reordering)
 * DATAGRAM links. Prints a table; not a test. Run: {@code java -cp
 * sim-core/target/classes:sim-network/target/classes io.raftsim.sim.net.bench.NetworkBench}.
 */
public final class NetworkBench {
    private NetworkBench() {}

    public static void main(String[] args) {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        System.out.println(
                "| scenario | delivered | wall s | CPU s | delivered/s (wall) | delivered/s (CPU, one core) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        LinkConfig stream = LinkConfig.stream(200_000, 100_000);
        LinkConfig datagram = LinkConfig.datagram(200_000, 100_000);
        for (LinkConfig c : List.of(stream, datagram)) {
            measure(c, messages / 4); // warm-up
            double[] r = measure(c, messages);
            System.out.printf(
                    "| network, 5 endpoints, %s | %d | %.3f | %.3f | %,.0f | %,.0f |%n",
                    c.mode(), (long) r[2], r[0], r[1], r[2] / r[0], r[2] / r[1]);
        }
    }

    /** Returns {wall seconds, CPU seconds, delivered}. */
    static double[] measure(LinkConfig config, long messages) {
        Simulation sim = new Simulation(7);
        SimNetwork<Long> net = new SimNetwork<>(sim, config);
        List<Endpoint> eps = new ArrayList<>();
        long[] budget = {messages};
        for (int i = 0; i < 5; i++) {
            int self = i;
            eps.add(net.addEndpoint("n" + i, env -> {
                if (budget[0]-- > 0) {
                    net.send(env.to(), eps.get((self + 1) % 5), env.payload() + 1, 100, env.payload() + 1);
                }
            }));
        }
        for (int i = 0; i < 256; i++) {
            net.send(eps.get(i % 5), eps.get((i + 1) % 5), (long) i, 100, i);
        }
        JdkStopwatch sw = new JdkStopwatch();
        sim.runUntil(Long.MAX_VALUE);
        double wall = sw.elapsedSeconds();
        double cpu = sw.cpuSeconds();
        return new double[] {wall, cpu, net.totals().delivered()};
    }
}
