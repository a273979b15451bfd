package io.raftsim.engine.runtime.jdk;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real-world {@link Clock}: {@link System#nanoTime()} and one event-loop thread per node.
 * Every timer, I/O completion and inbound message of the node runs on that thread, one at a time,
 * so the engine needs no locks. Timers fire in deadline order, ties in scheduling order (the
 * executor breaks ties by submission sequence).
 *
 * <p>A task that throws does not kill the loop, but the failure is never swallowed either: it goes
 * to {@code onTaskFailure} (by default printed to stderr).
 */
public final class JdkClock implements Clock, AutoCloseable {
    private final ScheduledThreadPoolExecutor loop;
    private final long originNanos = System.nanoTime();
    private final Consumer<Throwable> onTaskFailure;
    private volatile Thread loopThread;

    public JdkClock(String nodeName, Consumer<Throwable> onTaskFailure) {
        Objects.requireNonNull(nodeName, "nodeName");
        this.onTaskFailure = Objects.requireNonNull(onTaskFailure, "onTaskFailure");
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "raft-loop-" + nodeName);
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public JdkClock(String nodeName) {
        this(nodeName, t -> {
            System.err.println("task on raft-loop-" + nodeName + " failed:");
            t.printStackTrace();
        });
    }

    @Override
    public long nowNanos() {
        return System.nanoTime() - originNanos;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (loop.isShutdown()) {
            return () -> {}; // the node is shut down: its timers and completions are moot
        }
        ScheduledFuture<?> f = loop.schedule(guard(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** True when called from this node's event-loop thread. */
    public boolean inEventLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** Stops the loop: queued timers are dropped, a running task finishes; waits up to 10 s for it. */
    @Override
    public void close() {
        loop.shutdownNow();
        try {
            if (!inEventLoop()) {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                onTaskFailure.accept(t);
            }
        };
    }
}
