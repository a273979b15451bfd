package io.raftsim.sim.bench;

import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.jdk.JdkStopwatch;

/**
 * Scheduler throughput on one core: trivial events that each schedule their successor, with 1 and
 * with 1024 concurrent chains (a realistic queue depth for a cluster with timers and messages in
 * flight). Prints a table; not a test. Run: {@code java -cp sim-core/target/classes
 * io.raftsim.sim.bench.SchedulerBench [eventsPerRound]}.
 */
public final class SchedulerBench {
    private SchedulerBench() {}

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        System.out.println("| scenario | events | wall s | CPU s | events/s (wall) | events/s (CPU, one core) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int chains : new int[] {1, 1024}) {
            measure(chains, events / 4); // warm-up
            double[] r = measure(chains, events);
            System.out.printf(
                    "| scheduler, %d chain(s), random delays | %d | %.3f | %.3f | %,.0f | %,.0f |%n",
                    chains, events, r[0], r[1], events / r[0], events / r[1]);
        }
    }

    /** Returns {wall seconds, CPU seconds}. */
    static double[] measure(int chains, long events) {
        Simulation sim = new Simulation(42);
        RandomStream rnd = sim.random("bench");
        long perChain = events / chains;
        for (int c = 0; c < chains; c++) {
            new Chain(sim, rnd, c, perChain).next();
        }
        JdkStopwatch sw = new JdkStopwatch();
        sim.runUntil(Long.MAX_VALUE);
        double wall = sw.elapsedSeconds();
        double cpu = sw.cpuSeconds();
        if (sim.executedEvents() != perChain * chains) {
            throw new IllegalStateException("ran " + sim.executedEvents() + " events, expected " + perChain * chains);
        }
        return new double[] {wall, cpu};
    }

    private static final class Chain implements Runnable {
        private final Simulation sim;
        private final RandomStream rnd;
        private final int node;
        private long remaining;

        Chain(Simulation sim, RandomStream rnd, int node, long remaining) {
            this.sim = sim;
            this.rnd = rnd;
            this.node = node;
            this.remaining = remaining;
        }

        void next() {
            if (remaining-- > 0) {
                sim.schedule(1 + rnd.nextLong(1000), "tick", node, remaining, this);
            }
        }

        @Override
        public void run() {
            next();
        }
    }
}
