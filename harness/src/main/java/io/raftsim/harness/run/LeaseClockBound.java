package io.raftsim.harness.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.workload.nemesis.Fault;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.Faults.ClockDrift;
import io.raftsim.workload.nemesis.Faults.LeaderClockDrift;
import io.raftsim.workload.nemesis.LeaseRace;
import java.util.ArrayList;
import java.util.List;

/**
 * Clock faults for lease-read runs, kept inside the engine's stated assumption. Lease reads are safe
 * only while clocks drift less than {@code maxClockDriftMs} per election timeout (dissertation
 * §6.4.1): the leader trusts its lease for {@code electionTimeout - maxClockDrift} of its own time,
 * which must end before any follower's election timer (on that follower's clock) can fire. A clock
 * offset or jump steps a clock by more than any drift bound, so lease runs hold those back; a drift
 * is rescaled into the bound instead of dropped, so that the drift margin the lease is built on is
 * tested rather than assumed (without drift the margin could be zero and no run would notice).
 *
 * <p>Drifts are clock-drift (a drawn node), leader-clock-drift (whichever node leads when it
 * starts) and lease-race (the leader it races, one at a time). One node drifts at a time (a drift event overlapping an earlier one is held back), by 50% to
 * 90% of {@code maxClockDriftMs / electionTimeoutMs}: any two clocks then disagree by less than
 * {@code maxClockDriftMs} over an election timeout.
 */
final class LeaseClockBound {
    /** The drawn drift magnitudes ({@code ScheduleGenerator}) span this range, in ppm. */
    private static final long DRAWN_DRIFT_MIN_PPM = 50;

    private static final long DRAWN_DRIFT_MAX_PPM = 1_000;

    private LeaseClockBound() {}

    /** Whether a fault of this kind steps a clock (offset, jump): never within a drift bound. */
    static boolean steps(FaultKind k) {
        return k.category() == FaultKind.Category.CLOCK
                && k != FaultKind.CLOCK_DRIFT
                && k != FaultKind.LEADER_CLOCK_DRIFT;
    }

    /** Whether the fault makes one clock run fast or slow (rather than step it). */
    static boolean drifts(Fault f) {
        return f instanceof ClockDrift || f instanceof LeaderClockDrift || f instanceof LeaseRace;
    }

    /** The largest drift one node may have, in ppm, for the lease with this election timeout to hold. */
    static long maxDriftPpm(long electionTimeoutMs) {
        return Cluster.LEASE_CLOCK_DRIFT_MS * 900_000L / electionTimeoutMs;
    }

    /**
     * The drawn schedule's events for a lease run: clock steps dropped, drifts that overlap an
     * earlier drift dropped, the others rescaled into the bound (same node, sign and timing; the
     * drawn magnitude's place in its range maps onto 50%..100% of {@link #maxDriftPpm}).
     */
    static List<FaultEvent> leaseEvents(List<FaultEvent> events, long electionTimeoutMs) {
        List<FaultEvent> out = new ArrayList<>();
        long driftFreeFromMs = 0;
        for (FaultEvent e : events) {
            if (steps(e.fault().kind())) {
                continue;
            }
            if (drifts(e.fault())) {
                if (e.atMs() < driftFreeFromMs) {
                    continue;
                }
                driftFreeFromMs = e.endMs() + 1;
                out.add(rescale(e, electionTimeoutMs));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static FaultEvent rescale(FaultEvent e, long electionTimeoutMs) {
        if (e.fault() instanceof ClockDrift d) {
            long ppm = rescalePpm(d.driftPpm(), electionTimeoutMs);
            return new FaultEvent(e.atMs(), e.durationMs(), new ClockDrift(d.node(), ppm));
        }
        if (e.fault() instanceof LeaderClockDrift d) {
            long ppm = rescalePpm(d.driftPpm(), electionTimeoutMs);
            return new FaultEvent(e.atMs(), e.durationMs(), new LeaderClockDrift(ppm));
        }
        if (e.fault() instanceof LeaseRace r) {
            long ppm = rescalePpm(r.driftPpm(), electionTimeoutMs);
            return new FaultEvent(e.atMs(), e.durationMs(), new LeaseRace(r.maxGapMs(), r.maxHoldMs(), ppm));
        }
        return e;
    }

    private static long rescalePpm(long driftPpm, long electionTimeoutMs) {
        long max = maxDriftPpm(electionTimeoutMs);
        long drawn = Math.max(DRAWN_DRIFT_MIN_PPM, Math.min(Math.abs(driftPpm), DRAWN_DRIFT_MAX_PPM));
        long magnitude =
                max / 2 + (max / 2) * (drawn - DRAWN_DRIFT_MIN_PPM) / (DRAWN_DRIFT_MAX_PPM - DRAWN_DRIFT_MIN_PPM);
        long ppm = (driftPpm < 0 ? -1 : 1) * magnitude;
        if (Math.abs(ppm) > max) {
            throw new IllegalStateException("rescaled drift " + ppm + " ppm exceeds the lease bound " + max + " ppm");
        }
        return ppm;
    }
}
