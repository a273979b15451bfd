package io.raftsim.engine.core;

import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.ReadMode;

/**
 * The protocol knobs the pure core needs, in ticks and counts (no wall time here).
 * {@code leaseTicks} is how long, in the leader's own ticks, a quorum acknowledgement keeps the
 * leader lease valid ({@code electionTimeout - maxClockDrift}, less one tick of rounding); 0 turns
 * lease reads off. {@code leaderStickiness}: see {@link NodeOptions#leaderStickiness()}.
 */
public record CoreConfig(
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        int maxEntriesPerAppend,
        long maxBytesPerAppend,
        int maxInflightAppends,
        int entryCacheCapacity,
        int leaseTicks,
        boolean leaderStickiness) {
    public CoreConfig {
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got heartbeatTicks="
                    + heartbeatTicks + " electionTicks=" + electionTicks);
        }
        if (leaseTicks < 0 || leaseTicks >= electionTicks) {
            throw new IllegalArgumentException("need 0 <= leaseTicks < electionTicks, got leaseTicks=" + leaseTicks
                    + " electionTicks=" + electionTicks);
        }
        if (leaseTicks > 0 && !(checkQuorum && leaderStickiness)) {
            // The lease rests on followers refusing votes while they hear from the leader (stickiness).
            throw new IllegalArgumentException("lease reads need checkQuorum and leader stickiness, got checkQuorum="
                    + checkQuorum + " leaderStickiness=" + leaderStickiness);
        }
    }

    public static CoreConfig from(NodeOptions o) {
        int lease = 0;
        if (o.readMode() == ReadMode.LEASE_BASED) {
            long driftTicks = (o.maxClockDriftMs() + o.tickIntervalMs() - 1) / o.tickIntervalMs();
            // One tick less: the leader's tick count lags its clock by up to one tick.
            lease = (int) Math.max(0, o.electionTicks() - driftTicks - 1);
        }
        return new CoreConfig(
                o.electionTicks(),
                o.heartbeatTicks(),
                o.preVote(),
                o.checkQuorum(),
                o.maxEntriesPerAppend(),
                o.maxBytesPerAppend(),
                o.maxInflightAppends(),
                4096,
                lease,
                o.leaderStickiness());
    }
}
