package io.raftsim.engine.core;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.conf.ConfigurationCodec;
import io.raftsim.engine.core.conf.ConfigurationEntry;
import io.raftsim.engine.core.log.LogWriter;
import io.raftsim.engine.core.log.RaftLog;
import io.raftsim.engine.core.log.StableLog;
import io.raftsim.engine.core.quorum.JointConfig;
import io.raftsim.engine.core.tracker.ProgressTracker;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.spi.RandomSource;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.RaftMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Raft as a pure, deterministic state machine (DESIGN.md section 4, etcd's RawNode idea): inputs
 * are {@link #tick()}, {@link #step}, {@link #propose} and the storage completions
 * {@link #onMetaPersisted} / {@link #onLogPersisted}; outputs are {@link Effect}s collected until
 * {@link #drainEffects()}. No I/O, no clock, no threads: the only reads are of the durable log
 * through {@link StableLog}.
 */
public final class RaftCore {
    private final String groupId;
    private final PeerId self;
    private final CoreConfig config;
    private final RandomSource random;
    private final RaftLog log;
    private final ProgressTracker tracker;
    private final List<Effect> effects = new ArrayList<>();

    // Hard state (Figure 2 "persistent state"); every change is followed by a PersistMeta effect.
    private long term;
    private PeerId votedFor;
    private RaftMeta durableMeta;

    private Role role = new Follower();
    private PeerId leader;
    private Configuration configuration;
    private int electionElapsed;
    private int randomizedElectionTimeout;
    /** After a storage failure the core takes no input at all (sticky ERROR, braft). */
    private boolean halted;

    public RaftCore(
            String groupId,
            PeerId self,
            CoreConfig config,
            RandomSource random,
            RaftMeta meta,
            StableLog stable,
            Configuration initialConfiguration) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.self = Objects.requireNonNull(self, "self");
        this.config = config;
        this.random = random;
        this.term = meta.term();
        this.votedFor = meta.votedFor();
        this.durableMeta = meta;
        LogWriter writer = new LogWriter() {
            @Override
            public void truncateSuffix(long lastIndexKept) {
                effects.add(new Effect.TruncateLog(lastIndexKept));
            }

            @Override
            public void append(List<LogEntry> entries) {
                effects.add(new Effect.AppendLog(entries));
            }
        };
        this.log = new RaftLog(stable, writer, config.entryCacheCapacity());
        this.configuration = latestConfiguration(initialConfiguration);
        this.tracker = new ProgressTracker(
                JointConfig.simple(configuration.peers()), configuration.learners(), config.maxInflightAppends());
        resetRandomizedElectionTimeout();
        if (log.lastTerm() > term) {
            // Meta and log are separate files: a crash can keep a follower's entries of a new term but
            // not the term itself. Nothing was acknowledged (every message waits for both), and no
            // vote was cast in the lost term, so adopting the log's term without a vote is safe.
            setHardState(log.lastTerm(), null);
        }
    }

    /** Raft §6: a server uses the latest configuration in its log, committed or not. */
    private Configuration latestConfiguration(Configuration initial) {
        for (long i = log.lastIndex(); i >= log.firstIndex(); i--) {
            LogEntry e = log.entry(i);
            if (e.type() == EntryType.CONFIGURATION) {
                return ConfigurationCodec.decode(e.data()).conf();
            }
        }
        return initial;
    }

    // ---------------------------------------------------------------- inputs

    public void tick() {
        if (!halted) {
            role.tick(this);
        }
    }

    public void step(RaftMessage m) {
        if (halted || !m.groupId().equals(groupId) || !m.to().equals(self)) {
            return;
        }
        if (m.term() > term) {
            if (m instanceof PreVoteRequest) {
                // Never changes our term (dissertation §9.6); answered below.
            } else if (m instanceof PreVoteResponse r && r.granted()) {
                // Carries the term the pre-candidate will campaign in; not a newer term of anyone's.
            } else if (m instanceof RequestVoteRequest rv && !rv.leadershipTransfer() && heardFromLeaderRecently()) {
                // Leader stickiness (dissertation §4.2.3): a live leader's followers ignore disruptors.
                return;
            } else {
                boolean fromLeader = m instanceof AppendEntriesRequest || m instanceof TimeoutNow;
                becomeFollower(m.term(), fromLeader ? m.from() : null);
            }
        } else if (m.term() < term) {
            if (m instanceof AppendEntriesRequest) {
                // A stale leader: tell it our term so it steps down (it may be cut off otherwise,
                // since with PreVote/CheckQuorum we will never campaign against it ourselves).
                send(AppendEntriesResponse.reject(groupId, self, m.from(), term, 0, 0, 0), false);
            } else if (m instanceof PreVoteRequest) {
                send(new PreVoteResponse(groupId, self, m.from(), term, false), false);
            }
            return;
        }
        if (m instanceof PreVoteRequest r) {
            handlePreVote(r);
        } else if (m instanceof RequestVoteRequest r) {
            handleRequestVote(r);
        } else {
            role.step(this, m);
        }
    }

    /**
     * Proposes data entries; returns the index of the first, or -1 if this node is not the leader
     * (or is halted). The entries are replicated at once, in parallel with the local write.
     */
    public long propose(List<byte[]> data) {
        if (halted || !(role instanceof Leader leaderRole)) {
            return -1;
        }
        long first = log.lastIndex() + 1;
        List<LogEntry> entries = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            entries.add(new LogEntry(first + i, term, EntryType.DATA, data.get(i)));
        }
        log.appendAsLeader(entries);
        leaderRole.broadcastAppend(this, false);
        return first;
    }

    /** A meta write issued earlier is durable. */
    public void onMetaPersisted(RaftMeta meta) {
        durableMeta = meta;
        if (halted) {
            return;
        }
        if (role instanceof Candidate && meta.term() == term && self.equals(meta.votedFor())) {
            tracker.recordVote(self, true);
            Candidate.checkVotes(this);
        }
    }

    /** A log append that ended at {@code index} with {@code term} is durable. */
    public void onLogPersisted(long index, long entryTerm) {
        if (!log.stableTo(index, entryTerm) || halted) {
            return;
        }
        if (role instanceof Leader l) {
            l.onSelfDurable(this);
        }
    }

    /**
     * Storage failed: stop for good (sticky ERROR). A leader first asks its most up-to-date
     * follower to campaign at once (TimeoutNow), so the group does not wait an election timeout.
     */
    public void halt(String reason) {
        if (halted) {
            return;
        }
        if (role instanceof Leader l) {
            PeerId target = l.mostUpToDateFollower(this);
            if (target != null) {
                send(new TimeoutNow(groupId, self, target, term), false);
            }
        }
        if (role instanceof Leader || leader != null || role.kind() != RoleKind.FOLLOWER) {
            stepDown(reason);
        }
        halted = true;
    }

    public List<Effect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<Effect> out = new ArrayList<>(effects);
        effects.clear();
        return out;
    }

    public void appliedTo(long index) {
        log.appliedTo(index);
    }

    // ---------------------------------------------------------------- queries

    public String groupId() {
        return groupId;
    }

    public PeerId self() {
        return self;
    }

    public long term() {
        return term;
    }

    public PeerId votedFor() {
        return votedFor;
    }

    public RaftMeta durableMeta() {
        return durableMeta;
    }

    public PeerId leader() {
        return leader;
    }

    public RoleKind role() {
        return role.kind();
    }

    public boolean isHalted() {
        return halted;
    }

    public RaftLog log() {
        return log;
    }

    public ProgressTracker tracker() {
        return tracker;
    }

    public CoreConfig config() {
        return config;
    }

    public Configuration configuration() {
        return configuration;
    }

    // ---------------------------------------------------------------- shared role behaviour

    void send(RaftMessage m, boolean afterLogDurable) {
        effects.add(new Effect.Send(m, afterLogDurable));
    }

    void resetElectionElapsed() {
        electionElapsed = 0;
    }

    private void resetRandomizedElectionTimeout() {
        // Raft paper §5.2: randomized in [T, 2T) so that split votes are rare.
        randomizedElectionTimeout = config.electionTicks() + (int) random.nextLong(config.electionTicks());
    }

    /** Followers and candidates: time out and campaign (only voters may). */
    void tickElection() {
        electionElapsed++;
        if (electionElapsed >= randomizedElectionTimeout && tracker.isVoter(self)) {
            electionElapsed = 0;
            campaign(false);
        }
    }

    /** Leader stickiness window: we heard from a live leader less than an election timeout ago. */
    private boolean heardFromLeaderRecently() {
        return config.checkQuorum() && leader != null && electionElapsed < config.electionTicks();
    }

    void setLeader(PeerId newLeader) {
        if (!Objects.equals(leader, newLeader)) {
            PeerId previous = leader;
            leader = newLeader;
            effects.add(new Effect.LeaderChanged(previous, newLeader, term));
        }
    }

    void campaign(boolean transfer) {
        if (!tracker.isVoter(self)) {
            return;
        }
        if (config.preVote() && !transfer) {
            becomePreCandidate();
        } else {
            becomeCandidate(transfer);
        }
    }

    private void setHardState(long newTerm, PeerId newVote) {
        if (newTerm < term) {
            throw new IllegalStateException("term must never decrease: " + term + " -> " + newTerm);
        }
        if (newTerm == term && votedFor != null && !votedFor.equals(newVote)) {
            throw new IllegalStateException(
                    "at most one vote per term: voted " + votedFor + " in term " + term + ", now " + newVote);
        }
        term = newTerm;
        votedFor = newVote;
        effects.add(new Effect.PersistMeta(new RaftMeta(term, votedFor)));
    }

    void becomeFollower(long newTerm, PeerId newLeader) {
        if (role instanceof Leader) {
            effects.add(new Effect.SteppedDown(term, newTerm > term ? "saw term " + newTerm : "stepped down"));
        }
        if (newTerm > term) {
            setLeader(null);
            setHardState(newTerm, null);
        }
        role = new Follower();
        setLeader(newLeader);
        electionElapsed = 0;
        resetRandomizedElectionTimeout();
    }

    void stepDown(String reason) {
        if (role instanceof Leader) {
            effects.add(new Effect.SteppedDown(term, reason));
        }
        role = new Follower();
        setLeader(null);
        electionElapsed = 0;
        resetRandomizedElectionTimeout();
    }

    private void becomePreCandidate() {
        role = new PreCandidate();
        setLeader(null);
        tracker.resetVotes();
        tracker.recordVote(self, true);
        resetRandomizedElectionTimeout();
        for (PeerId p : tracker.config().voters()) {
            if (!p.equals(self)) {
                send(new PreVoteRequest(groupId, self, p, term + 1, log.lastIndex(), log.lastTerm()), false);
            }
        }
        if (tracker.tallyVotes() == io.raftsim.engine.core.quorum.VoteResult.WON) {
            becomeCandidate(false);
        }
    }

    void becomeCandidate(boolean transfer) {
        role = new Candidate();
        setLeader(null);
        setHardState(term + 1, self);
        tracker.resetVotes();
        resetRandomizedElectionTimeout();
        electionElapsed = 0;
        // The RequestVotes wait for the PersistMeta above (node send barrier); so does our own vote.
        for (PeerId p : tracker.config().voters()) {
            if (!p.equals(self)) {
                send(new RequestVoteRequest(groupId, self, p, term, log.lastIndex(), log.lastTerm(), transfer), false);
            }
        }
    }

    void becomeLeader() {
        Leader l = new Leader();
        role = l;
        setLeader(self);
        tracker.resetProgress(log.lastIndex() + 1);
        tracker.progress(self).setSelfMatch(log.stableLastIndex());
        for (var e : tracker.allProgress().entrySet()) {
            e.getValue().setRecentActive(e.getKey().equals(self));
        }
        // braft: a new leader's first entry is a configuration entry; it commits earlier terms' entries.
        long confIndex = log.lastIndex() + 1;
        byte[] data = ConfigurationCodec.encode(new ConfigurationEntry(configuration, null));
        log.appendAsLeader(List.of(new LogEntry(confIndex, term, EntryType.CONFIGURATION, data)));
        effects.add(new Effect.BecameLeader(term, confIndex));
        l.broadcastAppend(this, true);
    }

    private void handlePreVote(PreVoteRequest r) {
        boolean grant =
                r.term() > term && !heardFromLeaderRecently() && log.isUpToDate(r.lastLogIndex(), r.lastLogTerm());
        send(new PreVoteResponse(groupId, self, r.from(), grant ? r.term() : term, grant), false);
    }

    private void handleRequestVote(RequestVoteRequest r) {
        // Figure 2 RequestVote receiver: one vote per term, only for an up-to-date log (§5.4.1).
        boolean canVote = (votedFor == null && leader == null) || r.from().equals(votedFor);
        boolean grant = canVote && log.isUpToDate(r.lastLogIndex(), r.lastLogTerm());
        if (grant) {
            electionElapsed = 0;
            if (!r.from().equals(votedFor)) {
                setHardState(term, r.from());
            }
        }
        // Sent only once the vote is durable: the node holds every message behind earlier meta writes.
        send(new RequestVoteResponse(groupId, self, r.from(), term, grant), false);
    }

    void handleAppendEntries(AppendEntriesRequest req) {
        long lastVerified = log.maybeAppend(req.prevLogIndex(), req.prevLogTerm(), req.leaderCommit(), req.entries());
        if (lastVerified >= 0) {
            // Acknowledges entries: only once they are durable here (afterLogDurable).
            send(AppendEntriesResponse.accept(groupId, self, req.from(), term, lastVerified), true);
            return;
        }
        long[] hint = log.findConflictByTerm(Math.min(req.prevLogIndex(), log.lastIndex()), req.prevLogTerm());
        send(
                AppendEntriesResponse.reject(groupId, self, req.from(), term, req.prevLogIndex(), hint[0], hint[1]),
                false);
    }
}
