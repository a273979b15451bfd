package io.raftsim.engine.testing;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import java.util.PriorityQueue;

/**
 * One deterministic event loop on virtual time for a whole test cluster: events run in (time,
 * insertion) order. Each node gets a {@link #clockFor(int) clock} whose events are dropped when the
 * node crashes (its epoch is bumped).
 */
public final class TestScheduler {
    private record Event(long atNanos, long seq, int owner, long epoch, Runnable task, boolean[] cancelled) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    private final long[] epochs;
    private long nowNanos;
    private long seq;
    private long ran;

    public TestScheduler(int owners) {
        this.epochs = new long[owners];
    }

    public long nowNanos() {
        return nowNanos;
    }

    /** Schedules {@code task} for {@code owner}; it is skipped if the owner crashes before it runs. */
    public Cancellable schedule(int owner, long delayNanos, Runnable task) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Event(nowNanos + Math.max(0, delayNanos), seq++, owner, epochs[owner], task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Owner {@code owner} crashed: none of its scheduled events will run. */
    public void crash(int owner) {
        epochs[owner]++;
    }

    /** Runs the next event; false if there is none. */
    public boolean step() {
        Event e = queue.poll();
        if (e == null) {
            return false;
        }
        nowNanos = e.atNanos;
        if (!e.cancelled[0] && e.epoch == epochs[e.owner]) {
            ran++;
            e.task.run();
        }
        return true;
    }

    /** Events run so far (not counting cancelled ones and those of crashed owners). */
    public long eventsRun() {
        return ran;
    }

    public Clock clockFor(int owner) {
        return new Clock() {
            @Override
            public long nowNanos() {
                return TestScheduler.this.nowNanos;
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                return TestScheduler.this.schedule(owner, delayNanos, task);
            }
        };
    }
}
