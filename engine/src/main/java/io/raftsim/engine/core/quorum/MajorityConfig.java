package io.raftsim.engine.core.quorum;

import io.raftsim.engine.PeerId;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A simple majority over one voter set: more than half must agree (Raft paper §5.2). An empty set
 * is vacuously satisfied, which is what a joint configuration needs for its absent outgoing half.
 */
public record MajorityConfig(SortedSet<PeerId> voters) implements QuorumConfig {
    public MajorityConfig {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
    }

    public int quorumSize() {
        return voters.size() / 2 + 1;
    }

    @Override
    public long committedIndexOf(ToLongFunction<PeerId> acked) {
        if (voters.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long[] idx = new long[voters.size()];
        int i = 0;
        for (PeerId v : voters) {
            idx[i++] = acked.applyAsLong(v);
        }
        Arrays.sort(idx);
        // Sorted ascending, the value at position n - quorum is acknowledged by at least a quorum.
        return idx[idx.length - quorumSize()];
    }

    @Override
    public VoteResult voteResult(Map<PeerId, Boolean> votes) {
        if (voters.isEmpty()) {
            return VoteResult.WON;
        }
        int granted = 0;
        int missing = 0;
        for (PeerId v : voters) {
            Boolean b = votes.get(v);
            if (b == null) {
                missing++;
            } else if (b) {
                granted++;
            }
        }
        int q = quorumSize();
        if (granted >= q) {
            return VoteResult.WON;
        }
        return granted + missing >= q ? VoteResult.PENDING : VoteResult.LOST;
    }
}
