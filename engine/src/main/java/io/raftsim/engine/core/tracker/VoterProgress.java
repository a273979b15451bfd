package io.raftsim.engine.core.tracker;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.quorum.JointConfig;
import io.raftsim.engine.core.quorum.MajorityConfig;
import java.util.function.Function;

/**
 * The voters of a (possibly joint) configuration resolved once to their {@link Progress}, half by
 * half, for the leader's quorum arithmetic. The leader recomputes its commit index and its
 * acknowledged read round on every answer it gets; done through {@link
 * io.raftsim.engine.core.quorum.QuorumConfig#committedIndexOf} that meant a lambda, a fresh array
 * and a {@link PeerId} lookup (string comparisons: the config's peers are other instances than the
 * ones in messages) per voter, about 10% of a fuzz campaign's CPU. The arithmetic is the same as
 * {@link MajorityConfig#committedIndexOf}: sorted ascending, the value at position n - quorum is
 * acknowledged by at least a quorum; an empty half is vacuously satisfied.
 *
 * <p>Immutable once built; {@link ProgressTracker} builds a new one whenever the configuration,
 * the progress table or the asking node changes.
 */
final class VoterProgress {
    /** Progress of each voter of each half, null for a voter without progress (counts as 0). */
    private final Progress[] incoming;

    private final Progress[] outgoing;
    /** Which voters are the node itself (its acknowledged read round is the current round). */
    private final boolean[] incomingSelf;

    private final boolean[] outgoingSelf;
    /** Scratch for the sort: sized for the larger half, reused because the leader is single-threaded. */
    private final long[] scratch;

    final JointConfig config;
    final PeerId self;

    VoterProgress(JointConfig config, PeerId self, Function<PeerId, Progress> lookup) {
        this.config = config;
        this.self = self;
        int n = config.incoming().voters().size();
        int m = config.outgoing().voters().size();
        incoming = new Progress[n];
        incomingSelf = new boolean[n];
        outgoing = new Progress[m];
        outgoingSelf = new boolean[m];
        fill(config.incoming(), self, lookup, incoming, incomingSelf);
        fill(config.outgoing(), self, lookup, outgoing, outgoingSelf);
        scratch = new long[Math.max(n, m)];
    }

    private static void fill(
            MajorityConfig half, PeerId self, Function<PeerId, Progress> lookup, Progress[] out, boolean[] isSelf) {
        int i = 0;
        for (PeerId p : half.voters()) {
            out[i] = lookup.apply(p);
            isSelf[i] = p.equals(self);
            i++;
        }
    }

    /** The highest match index a quorum of both halves acknowledged (Raft paper §5.3, §6). */
    long committedIndex() {
        return Math.min(matchQuorum(incoming), matchQuorum(outgoing));
    }

    /**
     * The highest heartbeat round a quorum of both halves acknowledged; the node itself counts at
     * {@code selfRound} if it has progress, as the leader is always at its current round.
     */
    long ackedRound(long selfRound) {
        return Math.min(roundQuorum(incoming, incomingSelf, selfRound), roundQuorum(outgoing, outgoingSelf, selfRound));
    }

    /**
     * CheckQuorum (dissertation §6.2): were a quorum of both halves heard from lately? The node
     * itself counts as heard from; a voter without progress does not. Same rule as {@link
     * MajorityConfig#voteResult} over the active peers, without building a set and a vote map.
     */
    boolean quorumActive() {
        return activeQuorum(incoming, incomingSelf) && activeQuorum(outgoing, outgoingSelf);
    }

    private static boolean activeQuorum(Progress[] voters, boolean[] isSelf) {
        int n = voters.length;
        if (n == 0) {
            return true; // an empty half is vacuously satisfied.
        }
        int active = 0;
        for (int i = 0; i < n; i++) {
            Progress pr = voters[i];
            if (pr != null && (isSelf[i] || pr.recentActive())) {
                active++;
            }
        }
        return active >= n / 2 + 1;
    }

    private long matchQuorum(Progress[] voters) {
        int n = voters.length;
        if (n == 0) {
            return Long.MAX_VALUE;
        }
        for (int i = 0; i < n; i++) {
            scratch[i] = voters[i] == null ? 0 : voters[i].matchIndex();
        }
        return quorumValue(n);
    }

    private long roundQuorum(Progress[] voters, boolean[] isSelf, long selfRound) {
        int n = voters.length;
        if (n == 0) {
            return Long.MAX_VALUE;
        }
        for (int i = 0; i < n; i++) {
            Progress pr = voters[i];
            scratch[i] = pr == null ? 0 : isSelf[i] ? selfRound : pr.ackedRound();
        }
        return quorumValue(n);
    }

    private long quorumValue(int n) {
        // Insertion sort: a group has a handful of voters, and Arrays.sort's dispatch cost more
        // than the sort itself in the profile.
        long[] a = scratch;
        for (int i = 1; i < n; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        return a[n - (n / 2 + 1)];
    }
}
