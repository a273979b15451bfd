package io.raftsim.checker.jdk;

import io.raftsim.checker.KeyScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs keys on a pool of daemon threads made for one {@link #runAll} call and shut down after it, so
 * a scheduler holds no threads between checks and can live in an options record. Real-world adapter:
 * the only place the checker creates threads.
 */
public record JdkKeyPool(int threads) implements KeyScheduler {
    public JdkKeyPool {
        if (threads < 2) {
            throw new IllegalArgumentException(
                    "a key pool needs at least 2 threads (use KeyScheduler.SEQUENTIAL for 1), got " + threads);
        }
    }

    /** One thread per available processor, or {@link KeyScheduler#SEQUENTIAL} on one processor. */
    public static KeyScheduler forAvailableProcessors() {
        int n = Runtime.getRuntime().availableProcessors();
        return n <= 1 ? KeyScheduler.SEQUENTIAL : new JdkKeyPool(n);
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public <T> List<T> runAll(List<Supplier<T>> tasks) {
        int n = Math.min(threads, tasks.size());
        if (n <= 1) {
            return KeyScheduler.SEQUENTIAL.runAll(tasks);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "raftsim-checker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Supplier<T> task : tasks) {
                futures.add(pool.submit(task::get));
            }
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking keys", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
