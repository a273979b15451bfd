package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * Two membership changes racing across a leader change, as an operator tool that retries against
 * whoever leads produces them, with the network splitting around them:
 *
 * <ol>
 *   <li>Setup: a node is removed first when the configuration has an odd number of voters (and
 *       always with {@code addFirst}, to have a node to add back). Single-server changes from an
 *       even configuration are where two changes of different terms can have disjoint majorities.
 *   <li>The leader L1 accepts a change (remove a node, or with {@code addFirst} add back the one
 *       removed) and is cut off, with the followers that already hold the new configuration entry,
 *       while that entry is still on a minority.
 *   <li>The moment the rest elects L2, L2 is asked for a different change (remove another node,
 *       possibly L1), and asked again every {@code retryMs} while it refuses. With {@code
 *       swingVoter}, one of L2's voters moves to the cut-off side at that moment, before L2's
 *       first AppendEntries reaches it: a voter that elected L2 yet holds nothing of L2's term.
 *   <li>{@code returnAfterMs} after L2's election the network heals around the race; at the end
 *       every removed node is added back, retried until done.
 * </ol>
 *
 * This is the interleaving of Ongaro's 2015 raft-dev report on single-server changes
 * (dissertation §4.1, fixed by making a leader commit an entry of its term before it changes the
 * configuration); random membership faults almost never land a change within milliseconds of an
 * election while the previous leader's configuration entry survives on a minority.
 *
 * <p>The nodes are chosen at run time (the leader is not known in advance), so {@link #nodes()} is
 * empty; the generator never overlaps it with another partition, membership change, or fault that
 * takes nodes down.
 *
 * @param selector picks the nodes at run time
 * @param addFirst the first change adds a node back instead of removing one
 * @param strandOn how many nodes, L1 included, hold the first change's entry when L1's side is cut
 *     off (1: L1 alone); clamped to a minority at run time
 * @param swingVoter one of L2's voters joins the cut-off side when L2 is elected
 * @param retryMs how long the operator waits before asking again after a refusal
 * @param returnAfterMs how long after L2's election the network heals around the race
 */
public record MembershipRace(
        long selector, boolean addFirst, int strandOn, boolean swingVoter, long retryMs, long returnAfterMs)
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
