package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.spi.Clock;
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
        int incarnation = process.incarnation();
        io.raftsim.sim.LocalTimer t =
                clock.schedule(Math.max(0, delayNanos), "node.timer", delayNanos, () -> process.run(incarnation, task));
        return t::cancel;
    }
}
