package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * Two membership changes racing across a leader change, as an operator tool that retries against
 * whoever leads produces them: (1) the leader L1 accepts a change (remove a node, or, with {@code
 * addFirst}, add back one removed just before) and is cut off, together with the followers that
 * already hold the new configuration entry, while that entry is still on a minority; (2) the moment
 * the majority side elects L2, L2 is asked for a different change (remove another node, possibly
 * L1), and asked again every {@code retryMs} while it refuses; (3) {@code returnAfterMs} after L2
 * took the change the cut-off side is reconnected and may campaign with L1's configuration. At the
 * end both nodes are added back, retried until done. This is the interleaving of Ongaro's 2015
 * raft-dev report on single-server changes (dissertation §4.1, fixed by making a leader commit an
 * entry of its term before it changes the configuration); random membership faults almost never
 * land a change within milliseconds of an election while the previous leader's configuration entry
 * survives on a minority.
 *
 * <p>The nodes are chosen at run time (the leader is not known in advance), so {@link #nodes()} is
 * empty; the generator never overlaps it with another partition, membership change, or fault that
 * takes nodes down.
 *
 * @param selector picks the nodes at run time
 * @param addFirst the first change adds a node (removed by a setup change first) instead of removing one
 * @param strandOn how many nodes, L1 included, hold the first change's entry when L1's side is cut
 *     off (1: L1 alone); clamped to a minority at run time
 * @param retryMs how long the operator waits before asking again after a refusal
 * @param returnAfterMs how long the cut-off side stays cut off after L2 took the second change
 */
public record MembershipRace(long selector, boolean addFirst, int strandOn, long retryMs, long returnAfterMs)
        implements Fault {
    public MembershipRace {
        if (strandOn < 1 || retryMs < 1 || returnAfterMs < 0) {
            throw new IllegalArgumentException("membership-race needs strandOn >= 1, retryMs >= 1 and returnAfterMs"
                    + " >= 0, got " + strandOn + ", " + retryMs + ", " + returnAfterMs);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.MEMBERSHIP_RACE;
    }

    @Override
    public List<Integer> nodes() {
        return List.of();
    }
}
