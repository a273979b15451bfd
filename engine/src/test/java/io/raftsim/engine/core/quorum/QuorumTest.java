package io.raftsim.engine.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.PeerId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class QuorumTest {
    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");
    private static final PeerId C = PeerId.of("c");
    private static final PeerId D = PeerId.of("d");
    private static final PeerId E = PeerId.of("e");

    private static MajorityConfig majority(PeerId... ids) {
        return new MajorityConfig(new TreeSet<>(Set.of(ids)));
    }

    private static Map<PeerId, Long> acked(Object... kv) {
        Map<PeerId, Long> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((PeerId) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    private static Map<PeerId, Boolean> votes(Object... kv) {
        Map<PeerId, Boolean> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((PeerId) kv[i], (Boolean) kv[i + 1]);
        }
        return m;
    }

    @Test
    void committedIndexIsTheHighestIndexAMajorityAcknowledged() {
        MajorityConfig three = majority(A, B, C);
        assertThat(three.committedIndex(acked(A, 5, B, 3, C, 1))).isEqualTo(3);
        assertThat(three.committedIndex(acked(A, 5)))
                .as("missing voters count as 0")
                .isEqualTo(0);
        assertThat(three.committedIndex(acked(A, 5, B, 5))).isEqualTo(5);
        MajorityConfig five = majority(A, B, C, D, E);
        assertThat(five.committedIndex(acked(A, 9, B, 8, C, 7, D, 2, E, 1))).isEqualTo(7);
        assertThat(five.committedIndex(acked(A, 9, B, 8, D, 2, E, 1))).isEqualTo(2);
        MajorityConfig four = majority(A, B, C, D);
        assertThat(four.committedIndex(acked(A, 9, B, 8, C, 7, D, 2)))
                .as("four voters need three")
                .isEqualTo(7);
        assertThat(majority(A).committedIndex(acked(A, 4))).isEqualTo(4);
    }

    @Test
    void votesNeedAStrictMajorityAndLoseWhenItIsOutOfReach() {
        MajorityConfig three = majority(A, B, C);
        assertThat(three.voteResult(votes(A, true))).isEqualTo(VoteResult.PENDING);
        assertThat(three.voteResult(votes(A, true, B, true))).isEqualTo(VoteResult.WON);
        assertThat(three.voteResult(votes(A, true, B, false))).isEqualTo(VoteResult.PENDING);
        assertThat(three.voteResult(votes(A, true, B, false, C, false))).isEqualTo(VoteResult.LOST);
        MajorityConfig four = majority(A, B, C, D);
        assertThat(four.voteResult(votes(A, true, B, true, C, false, D, false)))
                .as("two of four is a tie, not a majority")
                .isEqualTo(VoteResult.LOST);
        assertThat(four.voteResult(votes(A, true, B, true))).isEqualTo(VoteResult.PENDING);
        assertThat(majority().voteResult(votes()))
                .as("empty config is vacuously won")
                .isEqualTo(VoteResult.WON);
        assertThat(majority(A, B, C).voteResult(votes(D, true, E, true)))
                .as("non-voters do not count")
                .isEqualTo(VoteResult.PENDING);
    }

    @Test
    void jointConfigNeedsBothMajorities() {
        JointConfig joint = new JointConfig(majority(A, B, C), majority(C, D, E));
        assertThat(joint.isJoint()).isTrue();
        assertThat(joint.voters()).containsExactly(A, B, C, D, E);
        // Old majority {a, b} acked 9, new majority {c, d} acked 4: only 4 is committed in both.
        assertThat(joint.committedIndex(acked(A, 9, B, 9, C, 4, D, 4, E, 0))).isEqualTo(4);
        assertThat(joint.committedIndex(acked(A, 9, B, 9, C, 0, D, 0, E, 0)))
                .as("a majority of the incoming set alone is not enough")
                .isEqualTo(0);
        assertThat(joint.voteResult(votes(A, true, B, true))).isEqualTo(VoteResult.PENDING);
        assertThat(joint.voteResult(votes(A, true, B, true, D, true, E, true))).isEqualTo(VoteResult.WON);
        assertThat(joint.voteResult(votes(A, true, B, true, C, false, D, false)))
                .isEqualTo(VoteResult.LOST);
    }

    @Test
    void simpleJointConfigBehavesLikeAMajority() {
        JointConfig simple = JointConfig.simple(new TreeSet<>(Set.of(A, B, C)));
        assertThat(simple.isJoint()).isFalse();
        assertThat(simple.committedIndex(acked(A, 5, B, 3, C, 1))).isEqualTo(3);
        assertThat(simple.voteResult(votes(A, true, B, true))).isEqualTo(VoteResult.WON);
        assertThat(simple.isQuorum(Set.of(A, B))).isTrue();
        assertThat(simple.isQuorum(Set.of(A))).isFalse();
    }
}
