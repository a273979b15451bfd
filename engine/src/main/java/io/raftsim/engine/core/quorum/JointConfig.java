package io.raftsim.engine.core.quorum;

import io.raftsim.engine.PeerId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Joint consensus (Raft paper §6, dissertation §4.3): during C_old,new every decision needs a
 * majority of BOTH the incoming and the outgoing voter sets. With an empty outgoing set this is
 * exactly a simple majority of the incoming one, so the core always uses this type.
 */
public record JointConfig(MajorityConfig incoming, MajorityConfig outgoing) implements QuorumConfig {
    public static JointConfig simple(SortedSet<PeerId> voters) {
        return new JointConfig(new MajorityConfig(voters), new MajorityConfig(new TreeSet<>()));
    }

    public boolean isJoint() {
        return !outgoing.voters().isEmpty();
    }

    @Override
    public SortedSet<PeerId> voters() {
        SortedSet<PeerId> all = new TreeSet<>(incoming.voters());
        all.addAll(outgoing.voters());
        return Collections.unmodifiableSortedSet(all);
    }

    @Override
    public long committedIndexOf(ToLongFunction<PeerId> acked) {
        return Math.min(incoming.committedIndexOf(acked), outgoing.committedIndexOf(acked));
    }

    @Override
    public VoteResult voteResult(Map<PeerId, Boolean> votes) {
        VoteResult a = incoming.voteResult(votes);
        VoteResult b = outgoing.voteResult(votes);
        if (a == b) {
            return a;
        }
        if (a == VoteResult.LOST || b == VoteResult.LOST) {
            return VoteResult.LOST;
        }
        return VoteResult.PENDING;
    }
}
