package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * Cuts the leader off from the other nodes again and again for the event's duration: whichever node
 * leads is isolated (node-to-node links only, as isolate-leader does), the partition heals a drawn
 * {@code 0..maxHoldMs} after another node wins an election (or after a bounded wait when none
 * does), and {@code 0..maxGapMs} later the next leader is isolated. Where isolate-leader gives each
 * event one deposed leader, this gives one per election: the moments a deposed leader still serves
 * reads under its lease while the new one takes writes (dissertation §6.4.1) come once per
 * isolation, and a stale lease read needs several timings to line up in one of them. The nodes are
 * chosen at run time, so {@link #nodes()} is empty; it is a partition (at most one at a time) and
 * takes no node down.
 *
 * @param maxGapMs the longest the cluster runs whole between a heal and the next isolation
 * @param maxHoldMs the longest the partition stays once another node leads
 */
public record LeaderIsolationChurn(long maxGapMs, long maxHoldMs) implements Fault {
    public LeaderIsolationChurn {
        if (maxGapMs < 0 || maxHoldMs < 0) {
            throw new IllegalArgumentException("leader-isolation-churn needs maxGapMs >= 0 and maxHoldMs >= 0, got "
                    + maxGapMs + ", " + maxHoldMs);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.LEADER_ISOLATION_CHURN;
    }

    @Override
    public List<Integer> nodes() {
        return List.of();
    }
}
