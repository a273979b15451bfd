package io.raftsim.harness.cluster;

import io.raftsim.sim.Simulation;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.Faults.LeaderClockDrift;
import java.util.function.BooleanSupplier;

/**
 * Plays one {@link LeaderClockDrift} event: until the event ends, the clock of the node that leads
 * runs {@code driftPpm} fast or slow. The drift stays on a node for as long as that node believes
 * it leads, deposed or not (a leader cut off from the others, still serving reads under its lease,
 * is the one whose clock matters, dissertation §6.4.1), and moves to the node that leads once it
 * does not: one clock drifts at a time, and a clock that stops drifting goes on from where it is
 * (no step). New leaders are noticed by polling every millisecond of simulated time, as {@link
 * LeaderChurnDriver} does.
 */
final class LeaderClockDriftDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_MS = 1;

    private final Cluster cluster;
    private final Simulation sim;
    private final double drift;
    private final long endNs;
    private final BooleanSupplier healed;
    /** The machine whose clock drifts now, or null before any node led. */
    private NodeProcess drifting;

    private long moves;

    LeaderClockDriftDriver(Cluster cluster, LeaderClockDrift fault, long endMs, BooleanSupplier healed) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.drift = fault.driftPpm() * 1e-6;
        this.endNs = endMs * MS;
        this.healed = healed;
    }

    /** Drifts the current leader's clock (if a node leads) and starts following leadership. */
    void start() {
        poll();
    }

    /** Machines the drift has been put on so far (the first leader included). */
    long moves() {
        return moves;
    }

    /** Ends the drift (the event's end; the heal resets every clock by itself). */
    void stop() {
        if (drifting != null) {
            drifting.clock.setDrift(0);
            drifting = null;
        }
    }

    private void poll() {
        if (healed.getAsBoolean() || sim.nowNs() >= endNs) {
            return;
        }
        boolean stillLeads = drifting != null
                && drifting.status == ProcessStatus.UP
                && drifting.node() != null
                && drifting.node().isLeader();
        if (!stillLeads) {
            int slot = cluster.leader();
            NodeProcess next = slot < 0 ? null : cluster.process(slot);
            if (next != null && next != drifting) {
                if (drifting != null) {
                    drifting.clock.setDrift(0);
                }
                next.clock.setDrift(drift);
                drifting = next;
                moves++;
            }
        }
        sim.schedule(POLL_MS * MS, "nemesis.leader-drift-poll", -1, FaultKind.LEADER_CLOCK_DRIFT.ordinal(), this::poll);
    }
}
