package io.raftsim.engine.core.tracker;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.quorum.JointConfig;
import io.raftsim.engine.core.quorum.VoteResult;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The voter configuration (possibly joint), the learners, every peer's {@link Progress} (meaningful
 * on the leader) and the votes of the current election. Sorted maps keep iteration deterministic.
 */
public final class ProgressTracker {
    private JointConfig config;
    private SortedSet<PeerId> learners;
    private final SortedMap<PeerId, Progress> progress = new TreeMap<>();
    /**
     * The same entries as {@link #progress}, side by side in arrays for lookups: the leader looks a
     * peer up on every answer it gets, and the TreeMap walk with PeerId comparisons cost ~4% of a
     * fuzz campaign's CPU. A group has a handful of peers, and the PeerId asked for is usually the
     * very instance stored here, so a scan by identity (then by equality) is cheaper. Rebuilt
     * whenever progress changes (a new leader or configuration: rare).
     */
    private PeerId[] indexPeers = new PeerId[0];

    private Progress[] indexProgress = new Progress[0];
    /**
     * Per entry, the last equal but distinct instance asked for: each node parses its own
     * configuration, so a follower's answers carry its own PeerId instance, the same one every
     * time. Remembering it turns the string comparisons of every later lookup into identity.
     */
    private PeerId[] indexAliases = new PeerId[0];

    /** The voters resolved to their progress; null when the configuration or progress changed since. */
    private VoterProgress voterProgress;

    private final SortedMap<PeerId, Boolean> votes = new TreeMap<>();
    /** New voters being caught up before a membership change is proposed: replicated to, never counted. */
    private final SortedSet<PeerId> catchingUp = new TreeSet<>();

    private final int maxInflight;

    public ProgressTracker(JointConfig config, SortedSet<PeerId> learners, int maxInflight) {
        this.maxInflight = maxInflight;
        setConfig(config, learners);
    }

    public void setConfig(JointConfig config, SortedSet<PeerId> learners) {
        this.config = config;
        this.learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        voterProgress = null;
    }

    public JointConfig config() {
        return config;
    }

    public SortedSet<PeerId> learners() {
        return learners;
    }

    /** Voters, learners and peers being caught up: everybody the leader replicates to. */
    public SortedSet<PeerId> members() {
        SortedSet<PeerId> all = new TreeSet<>(config.voters());
        all.addAll(learners);
        all.addAll(catchingUp);
        return all;
    }

    public SortedSet<PeerId> catchingUp() {
        return Collections.unmodifiableSortedSet(catchingUp);
    }

    public void setCatchingUp(SortedSet<PeerId> peers) {
        catchingUp.clear();
        catchingUp.addAll(peers);
    }

    /**
     * After a configuration change on the leader: progress for new members (probing from
     * {@code nextIndex}), none for peers that left; the leader's own entry always stays.
     */
    public void syncProgress(PeerId self, long nextIndex) {
        SortedSet<PeerId> want = members();
        progress.keySet().removeIf(p -> !want.contains(p) && !p.equals(self));
        for (PeerId p : want) {
            progress.computeIfAbsent(p, k -> new Progress(nextIndex, maxInflight));
        }
        reindex();
    }

    private void reindex() {
        indexPeers = progress.keySet().toArray(new PeerId[0]);
        indexProgress = progress.values().toArray(new Progress[0]);
        indexAliases = new PeerId[indexPeers.length];
        voterProgress = null;
    }

    /**
     * The voters resolved to their progress, rebuilt only after a change. {@code self} matters only
     * to {@link VoterProgress#ackedRound}: null means "any", for callers that do not need it.
     */
    private VoterProgress voterProgress(PeerId self) {
        VoterProgress v = voterProgress;
        if (v == null || (self != null && v.self != self)) {
            v = new VoterProgress(config, self, this::lookup);
            voterProgress = v;
        }
        return v;
    }

    private Progress lookup(PeerId p) {
        PeerId[] peers = indexPeers;
        PeerId[] aliases = indexAliases;
        for (int i = 0; i < peers.length; i++) {
            if (peers[i] == p || aliases[i] == p) {
                return indexProgress[i];
            }
        }
        for (int i = 0; i < peers.length; i++) {
            if (peers[i].equals(p)) {
                aliases[i] = p;
                return indexProgress[i];
            }
        }
        return null;
    }

    /**
     * True if a peer heard from lately is being sent a snapshot. Only such a follower: a dead one
     * must not stop compaction forever.
     */
    public boolean anySnapshotInstalling() {
        for (Progress p : indexProgress) {
            if (p.state() == ProgressState.SNAPSHOT && p.recentActive()) {
                return true;
            }
        }
        return false;
    }

    public boolean isVoter(PeerId p) {
        // Both halves asked directly: JointConfig.voters() builds their union as a new set.
        return config.incoming().voters().contains(p)
                || config.outgoing().voters().contains(p);
    }

    /** Fresh progress for every member: match 0, next = {@code nextIndex}, probing (Figure 2 "Leaders"). */
    public void resetProgress(long nextIndex) {
        progress.clear();
        catchingUp.clear();
        for (PeerId p : members()) {
            progress.put(p, new Progress(nextIndex, maxInflight));
        }
        reindex();
    }

    public Progress progress(PeerId p) {
        return lookup(p);
    }

    public SortedMap<PeerId, Progress> allProgress() {
        return Collections.unmodifiableSortedMap(progress);
    }

    /** The highest match index a quorum acknowledged (voters without progress count as 0). */
    public long committedIndex() {
        return voterProgress(null).committedIndex();
    }

    /**
     * The highest heartbeat round a quorum acknowledged (ReadIndex, dissertation §6.4): each voter
     * at its acknowledged round, {@code self} at {@code selfRound} (0 for voters without progress).
     */
    public long quorumAckedRound(PeerId self, long selfRound) {
        return voterProgress(self).ackedRound(selfRound);
    }

    public void resetVotes() {
        votes.clear();
    }

    public void recordVote(PeerId p, boolean granted) {
        votes.putIfAbsent(p, granted);
    }

    public VoteResult tallyVotes() {
        return config.voteResult(votes);
    }

    public SortedMap<PeerId, Boolean> votes() {
        return Collections.unmodifiableSortedMap(votes);
    }

    /** CheckQuorum: did a quorum (the leader counting itself) talk to us since the last round? */
    public boolean quorumActive(PeerId self) {
        return voterProgress(self).quorumActive();
    }
}
