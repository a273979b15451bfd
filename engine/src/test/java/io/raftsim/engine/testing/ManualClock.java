package io.raftsim.engine.testing;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import java.util.PriorityQueue;

/**
 * A deterministic clock and event loop for one node, advanced only by the test: tasks run in
 * (time, insertion) order, never concurrently.
 */
public final class ManualClock implements Clock {
    private static final class Scheduled implements Cancellable {
        final long atNanos;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Scheduled(long atNanos, long seq, Runnable task) {
            this.atNanos = atNanos;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    private long nowNanos;
    private long seq;

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos must be >= 0, got " + delayNanos);
        }
        Scheduled s = new Scheduled(nowNanos + delayNanos, seq++, task);
        queue.add(s);
        return s;
    }

    /** Runs every task due now, including those they schedule for now; returns how many ran. */
    public int runReady() {
        int ran = 0;
        while (!queue.isEmpty() && queue.peek().atNanos <= nowNanos) {
            Scheduled s = queue.poll();
            if (!s.cancelled) {
                s.task.run();
                ran++;
            }
        }
        return ran;
    }

    /** Moves time forward by {@code nanos}, running tasks at their due times on the way. */
    public void advance(long nanos) {
        long target = nowNanos + nanos;
        while (!queue.isEmpty() && queue.peek().atNanos <= target) {
            Scheduled s = queue.poll();
            nowNanos = Math.max(nowNanos, s.atNanos);
            if (!s.cancelled) {
                s.task.run();
            }
        }
        nowNanos = target;
    }

    /** Forgets every scheduled task (the process crashed). */
    public void clear() {
        queue.clear();
    }
}
