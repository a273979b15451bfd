package io.raftsim.harness.jdk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Runs independent seeds on {@code jobs} real threads. Each seed's simulation stays single-threaded
 * on the thread that runs it; only whole seeds run in parallel, so parallelism cannot change any
 * run's trace. This is a real-world adapter (threads), hence the {@code jdk} package.
 */
public final class JdkParallelSeeds {
    private JdkParallelSeeds() {}

    /**
     * Calls {@code work} for every seed, from {@code jobs} threads, in seed order per thread start.
     * Stops handing out seeds once {@code stop} is set. Rethrows the first exception a seed threw.
     */
    public static void run(List<Long> seeds, int jobs, AtomicBoolean stop, LongConsumer work) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        }
        if (jobs == 1) {
            for (long s : seeds) {
                if (stop.get()) {
                    return;
                }
                work.accept(s);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "raftsim-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                futures.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        if (i >= seeds.size()) {
                            return;
                        }
                        work.accept(seeds.get(i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        } finally {
            pool.shutdownNow();
        }
    }
}
