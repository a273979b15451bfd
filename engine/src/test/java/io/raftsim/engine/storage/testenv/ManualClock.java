package io.raftsim.engine.storage.testenv;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import java.util.PriorityQueue;

/** A deterministic clock for storage tests: time moves only when the test runs tasks. */
public final class ManualClock implements Clock {
    private record Task(long atNanos, long seq, Runnable run, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + Math.max(0, delayNanos), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs one due-or-next task; false if there is none. */
    public boolean runNext() {
        Task t = tasks.poll();
        if (t == null) {
            return false;
        }
        now = Math.max(now, t.atNanos);
        if (!t.cancelled[0]) {
            t.run.run();
        }
        return true;
    }

    /** Runs tasks until none is left (bounded, so a livelock fails instead of hanging). */
    public void runUntilIdle() {
        for (int i = 0; i < 10_000_000; i++) {
            if (!runNext()) {
                return;
            }
        }
        throw new IllegalStateException("clock never went idle after 10M tasks");
    }

    public int pendingTasks() {
        return tasks.size();
    }
}
