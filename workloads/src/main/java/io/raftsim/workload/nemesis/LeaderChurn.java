package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * Crashes leaders right after they win elections, for the event's duration: the current leader at
 * once, then every newly elected leader {@code 0..maxKillDelayMs} after it took office (a delay
 * drawn per kill from {@code selector}; half of the kills come at once), each restarted from disk {@code downMs} later. A new
 * leader's first milliseconds are Raft's most delicate window: it has just started to repair the
 * followers' logs with entries of earlier terms, its own term's entry is not yet on a majority, and
 * its predecessor's uncommitted entries are still out there (the Raft paper §5.4.2 and Figure 8).
 * Random kills almost never land there; this fault aims at it. The nodes are chosen at run time, so
 * {@link #nodes()} is empty; the generator never overlaps it with another fault that takes nodes
 * down, and the driver keeps at most a minority down.
 *
 * @param selector seeds the per-kill delays
 * @param maxKillDelayMs the longest a new leader survives once elected
 * @param downMs how long each crashed leader stays down
 */
public record LeaderChurn(long selector, long maxKillDelayMs, long downMs) implements Fault {
    public LeaderChurn {
        if (maxKillDelayMs < 0 || downMs < 1) {
            throw new IllegalArgumentException(
                    "leader-churn needs maxKillDelayMs >= 0 and downMs >= 1, got " + maxKillDelayMs + ", " + downMs);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.LEADER_CHURN;
    }

    @Override
    public List<Integer> nodes() {
        return List.of();
    }
}
