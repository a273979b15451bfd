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
