package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
import io.raftsim.sim.LocalTimer;
import io.raftsim.sim.NodeClock;

/**
 * The engine's {@link Clock} on a simulated node: local time from the node's drifting {@link
 * NodeClock}, timers as simulation events. Every task is bound to the process incarnation that
 * scheduled it, so a crashed process's timers never run in its successor, and a paused process's
 * timers run late, on resume.
 */
final class SimClock implements Clock {
    private final NodeProcess process;
    private final NodeClock clock;

    SimClock(NodeProcess process, NodeClock clock) {
        this.process = process;
        this.clock = clock;
    }

    @Override
    public long nowNanos() {
        return clock.nowNs();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        EngineTimer timer = new EngineTimer(process, process.incarnation(), task);
        timer.localTimer = clock.schedule(Math.max(0, delayNanos), "node.timer", delayNanos, timer);
        return timer;
    }

    /**
     * A hand-off to the node's event loop (apply turns, storage completions, closures): an event at
     * this instant, bound to the incarnation like a timer, but with no local deadline to keep (see
     * {@link NodeClock#scheduleNow}). Same kind, node and digest as a zero-delay timer.
     */
    @Override
    public void execute(Runnable task) {
        clock.scheduleNow(new EngineTask(process, process.incarnation(), task, clock.node()));
    }

    /** What {@link #execute} schedules: the task and its incarnation, as its own simulation event. */
    private static final class EngineTask extends io.raftsim.sim.Timer {
        private final NodeProcess process;
        private final int incarnation;
        private final Runnable task;

        EngineTask(NodeProcess process, int incarnation, Runnable task, int node) {
            super("node.timer", node, 0L);
            this.process = process;
            this.incarnation = incarnation;
            this.task = task;
        }

        @Override
        protected void fire() {
            process.run(incarnation, task);
        }
    }

    /**
     * One engine task on the node clock: both what the clock runs (the task, in the incarnation
     * that scheduled it) and the engine's handle to cancel it. One object instead of a lambda and
     * a method reference: every engine timer, zero-delay hand-offs included, passes through here.
     */
    private static final class EngineTimer implements Runnable, Cancellable {
        private final NodeProcess process;
        private final int incarnation;
        private final Runnable task;
        private LocalTimer localTimer;

        EngineTimer(NodeProcess process, int incarnation, Runnable task) {
            this.process = process;
            this.incarnation = incarnation;
            this.task = task;
        }

        @Override
        public void run() {
            process.run(incarnation, task);
        }

        @Override
        public void cancel() {
            localTimer.cancel();
        }
    }
}
