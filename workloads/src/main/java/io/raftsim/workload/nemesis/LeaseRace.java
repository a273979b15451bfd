package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * The adversary of a leader lease (dissertation §6.4.1), one deposed leader after another for the
 * event's duration. Each race: the clock of the node that leads runs {@code driftPpm} slow (lease
 * runs rescale it into the engine's declared drift bound, as any clock drift); once a majority of
 * the nodes (the leader with the followers that got it) has received an AppendEntries of one of its
 * heartbeat rounds, the leader's outgoing links to the other nodes are cut at that instant, so no
 * later AppendEntries restarts a follower's election timer; its incoming links stay up until
 * followers of a majority answered that round (the answers give the leader its lease, counted from
 * the round's start), then are cut too, so the new leader's messages do not depose it. A one-way
 * link first, a whole cut after: the shape of a machine whose transmit path fails (the 2020
 * Cloudflare etcd outage). The partition heals a drawn {@code 0..maxHoldMs} after another node
 * leads (or after a bounded wait), the slow clock runs at the normal rate again, and {@code
 * 0..maxGapMs} later the next race starts on whichever node leads. Nodes are chosen at run time, so
 * {@link #nodes()} is empty; it is a partition (at most one at a time) and takes no node down.
 *
 * @param maxGapMs the longest the cluster runs whole between a heal and the next race
 * @param maxHoldMs the longest the partition stays once another node leads
 * @param driftPpm the racing leader's clock drift, in parts per million (negative: slow)
 */
public record LeaseRace(long maxGapMs, long maxHoldMs, long driftPpm) implements Fault {
    public LeaseRace {
        if (maxGapMs < 0 || maxHoldMs < 0) {
            throw new IllegalArgumentException(
                    "lease-race needs maxGapMs >= 0 and maxHoldMs >= 0, got " + maxGapMs + ", " + maxHoldMs);
        }
        if (Math.abs(driftPpm) > 500_000) {
            throw new IllegalArgumentException("lease-race drift must be within +-500000 ppm, got " + driftPpm);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.LEASE_RACE;
    }

    @Override
    public List<Integer> nodes() {
        return List.of();
    }
}
