package io.raftsim.engine.core.quorum;

import io.raftsim.engine.PeerId;
import java.util.Map;
import java.util.SortedSet;

/** The arithmetic of "a majority of the voters" (simple or joint), independent of roles. */
public interface QuorumConfig {
    /** Every voter of the configuration (both halves of a joint one), sorted. */
    SortedSet<PeerId> voters();

    /**
     * The highest index acknowledged by a quorum, given each voter's acknowledged index (missing
     * voters count as 0). Raft paper §5.3/§5.4: the leader may commit up to this index (if its term
     * is the current one).
     */
    default long committedIndex(Map<PeerId, Long> acked) {
        return committedIndexOf(p -> acked.getOrDefault(p, 0L));
    }

    /**
     * As {@link #committedIndex(Map)}, reading each voter's acknowledged index from {@code acked}:
     * the leader's hot path (every AppendEntries answer, every ReadIndex round) asks this without
     * copying its progress table into a map of boxed longs first.
     */
    long committedIndexOf(java.util.function.ToLongFunction<PeerId> acked);

    /** The election outcome given the votes received so far (true = granted, missing = no answer). */
    VoteResult voteResult(Map<PeerId, Boolean> votes);

    /** True when the peers in {@code active} (plus none else) form a quorum (CheckQuorum). */
    default boolean isQuorum(java.util.Set<PeerId> active) {
        Map<PeerId, Boolean> votes = new java.util.TreeMap<>();
        for (PeerId p : active) {
            votes.put(p, true);
        }
        for (PeerId p : voters()) {
            votes.putIfAbsent(p, false);
        }
        return voteResult(votes) == VoteResult.WON;
    }
}
