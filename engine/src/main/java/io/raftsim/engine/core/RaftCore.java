package io.raftsim.engine.core;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.Status;
import io.raftsim.engine.core.conf.ConfigurationCodec;
import io.raftsim.engine.core.conf.ConfigurationEntry;
import io.raftsim.engine.core.log.LogWriter;
import io.raftsim.engine.core.log.RaftLog;
import io.raftsim.engine.core.log.StableLog;
import io.raftsim.engine.core.quorum.JointConfig;
import io.raftsim.engine.core.quorum.MajorityConfig;
import io.raftsim.engine.core.tracker.ProgressTracker;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.InstallSnapshotResponse;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.ReadIndexRequest;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.spi.RandomSource;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

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
    /** Effects not yet drained; handed over whole by {@link #drainEffects()} (not copied). */
    private List<Effect> effects = new ArrayList<>();

    // Hard state (Figure 2 "persistent state"); every change is followed by a PersistMeta effect.
    private long term;
    private PeerId votedFor;
    private RaftMeta durableMeta;

    private Role role = new Follower();
    /**
     * {@code role.kind()}, kept next to it: the node asks for the role after every event (status
     * for the harness's invariant checks), and reading it here spares a load of the role object.
     * Set only by {@link #setRole}.
     */
    private RoleKind roleKind = RoleKind.FOLLOWER;

    private PeerId leader;
    /** The configuration in force: the latest in the log, committed or not (Raft §6). */
    private ConfigurationEntry confEntry;
    /** Index of the entry {@link #confEntry} came from (the snapshot's index, or 0 for the initial one). */
    private long confIndex;
    /** A configuration entry was appended or truncated: recompute before the next decision. */
    private boolean confDirty;

    private final Configuration initialConfiguration;
    /** Set by the unsafe {@link #resetConfiguration}: wins over log entries up to {@code forcedAt}. */
    private Configuration forcedConf;

    private long forcedAt;
    private int electionElapsed;
    private int randomizedElectionTimeout;
    /**
     * {@code tracker.isVoter(self)}, set with the tracker's configuration (the only place it
     * changes): the node asks for its next due tick after every input, and the set lookups showed
     * in the profile.
     */
    private boolean selfVoter;
    /** After a storage failure the core takes no input at all (sticky ERROR, braft). */
    private boolean halted;
    /** The latest durable snapshot (local or installed), served to followers that need it. */
    private SnapshotMeta latestSnapshot;
    /** Last index of the snapshot this follower is copying from its leader, 0 if none. */
    private long installing;

    public RaftCore(
            String groupId,
            PeerId self,
            CoreConfig config,
            RandomSource random,
            RaftMeta meta,
            StableLog stable,
            Configuration initialConfiguration) {
        this(groupId, self, config, random, meta, stable, initialConfiguration, null);
    }

    /** With the latest durable snapshot ({@code null}: none), which the log continues. */
    public RaftCore(
            String groupId,
            PeerId self,
            CoreConfig config,
            RandomSource random,
            RaftMeta meta,
            StableLog stable,
            Configuration initialConfiguration,
            SnapshotMeta snapshot) {
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
                if (lastIndexKept < confIndex) {
                    confDirty = true;
                }
            }

            @Override
            public void append(List<LogEntry> entries) {
                effects.add(new Effect.AppendLog(entries));
                for (LogEntry e : entries) {
                    if (e.type() == EntryType.CONFIGURATION) {
                        confDirty = true;
                    }
                }
            }
        };
        this.latestSnapshot = snapshot;
        this.log = snapshot == null
                ? new RaftLog(stable, writer, config.entryCacheCapacity())
                : new RaftLog(
                        stable,
                        writer,
                        config.entryCacheCapacity(),
                        snapshot.lastIncludedIndex(),
                        snapshot.lastIncludedTerm());
        this.initialConfiguration = initialConfiguration;
        this.tracker = new ProgressTracker(
                JointConfig.simple(initialConfiguration.peers()),
                initialConfiguration.learners(),
                config.maxInflightAppends());
        confDirty = true;
        refreshConfiguration();
        resetRandomizedElectionTimeout();
        if (log.lastTerm() > term) {
            // Meta and log are separate files: a crash can keep a follower's entries of a new term but
            // not the term itself. Nothing was acknowledged (every message waits for both), and no
            // vote was cast in the lost term, so adopting the log's term without a vote is safe.
            setHardState(log.lastTerm(), null);
        }
    }

    /**
     * Raft §6 / dissertation §4.1: a server uses the latest configuration in its log, committed or
     * not, as soon as the entry is in its log; a truncation can bring back an older one.
     */
    void refreshConfiguration() {
        if (!confDirty) {
            return;
        }
        confDirty = false;
        // Entries up to the snapshot are covered by its configuration (and may be gone from storage).
        long from = Math.max(log.firstIndex(), log.snapshotIndex() + 1);
        ConfigurationEntry found = null;
        long foundAt = 0;
        for (long i = log.lastIndex(); i >= from; i--) {
            LogEntry e = log.entry(i);
            if (e.type() == EntryType.CONFIGURATION) {
                found = ConfigurationCodec.decode(e.data());
                foundAt = i;
                break;
            }
        }
        if (found == null && latestSnapshot != null) {
            found = ConfigurationCodec.decode(latestSnapshot.configuration());
            foundAt = latestSnapshot.lastIncludedIndex();
        }
        if (found == null) {
            found = new ConfigurationEntry(initialConfiguration, null);
        }
        if (forcedConf != null && forcedAt >= foundAt) {
            found = new ConfigurationEntry(forcedConf, null);
        }
        confEntry = found;
        confIndex = foundAt;
        JointConfig joint = new JointConfig(
                new MajorityConfig(found.conf().peers()),
                new MajorityConfig(found.isJoint() ? found.oldConf().peers() : new TreeSet<>()));
        tracker.setConfig(joint, found.conf().learners());
        selfVoter = tracker.isVoter(self);
        if (role instanceof Leader) {
            tracker.syncProgress(self, log.lastIndex() + 1);
        }
    }

    // ---------------------------------------------------------------- inputs

    public void tick() {
        if (!halted) {
            role.tick(this);
        }
    }

    /**
     * {@code n} ticks of the node's clock at once: a node sleeps until its first due tick ({@link
     * #ticksUntilDue()}) and then catches up. Up to the due tick this is exactly {@code n} calls of
     * {@link #tick()}: the ticks before it only count (always checked: no effect, no role change)
     * and the due one acts. A node that could not run for longer (paused, or its clock jumped
     * ahead) does not replay every deadline it slept through, one election or heartbeat round per
     * missed timeout all at once: like braft's timers, each overdue deadline fires once, on the
     * last tick ({@link Role#fastForward}), and clocks that only measure time (a leader's lease)
     * count the whole stall.
     */
    public void tick(long n) {
        if (halted || n <= 0) {
            return;
        }
        int due = role.ticksUntilDue(this);
        if (n > due) {
            role.fastForward(this, n - 1);
            role.tick(this);
            return;
        }
        int effectsBefore = effects.size();
        Role before = role;
        for (long i = 1; i < n; i++) {
            role.tick(this);
        }
        if (effects.size() != effectsBefore || role != before) {
            throw new IllegalStateException("a tick acted before its due tick (due in " + due + ", ran " + (n - 1)
                    + "): role " + before.kind() + " -> " + role.kind() + ", effects " + effectsBefore + " -> "
                    + effects.size() + ", term " + term + " on " + self);
        }
        role.tick(this);
    }

    /**
     * Ticks from now until the first one that may act (at least 1; {@link Integer#MAX_VALUE} when
     * halted): the node needs no tick event before it. See {@link Role#ticksUntilDue}.
     */
    public int ticksUntilDue() {
        return halted ? Integer.MAX_VALUE : role.ticksUntilDue(this);
    }

    public void step(RaftMessage m) {
        if (halted || !m.groupId().equals(groupId) || !m.to().equals(self)) {
            return;
        }
        // Read once: a message is one of many record types, so each accessor call is an interface
        // dispatch.
        long messageTerm = m.term();
        if (messageTerm > term) {
            if (m instanceof PreVoteRequest) {
                // Never changes our term (dissertation §9.6); answered below.
            } else if (m instanceof PreVoteResponse r && r.granted()) {
                // Carries the term the pre-candidate will campaign in; not a newer term of anyone's.
            } else if (m instanceof RequestVoteRequest rv && !rv.leadershipTransfer() && heardFromLeaderRecently()) {
                // Leader stickiness (dissertation §4.2.3): a live leader's followers ignore disruptors.
                return;
            } else {
                boolean fromLeader = m instanceof AppendEntriesRequest
                        || m instanceof InstallSnapshotRequest
                        || m instanceof TimeoutNow;
                becomeFollower(messageTerm, fromLeader ? m.from() : null);
            }
        } else if (messageTerm < term) {
            if (m instanceof AppendEntriesRequest || m instanceof InstallSnapshotRequest) {
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
        refreshConfiguration();
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

    // ---------------------------------------------------------------- membership (dissertation §4.3)

    /**
     * Starts a membership change to {@code target} (voters and learners). New voters are first
     * caught up to within {@code catchupMarginEntries} of the leader's log (dissertation §4.2.1),
     * then C_old,new is appended; once it commits, C_new follows (joint consensus, §4.3). A change of
     * learners only needs no joint phase. Refused unless this node is the leader, has committed an
     * entry of its term (§4.1 bug fix), and no other change is in progress (one at a time). The
     * outcome comes as {@link Effect.ConfigurationChanged} or {@link Effect.ConfigurationChangeFailed}
     * (or the leader steps down).
     */
    public Status changeConfiguration(Configuration target, long catchupMarginEntries, int catchupTimeoutTicks) {
        if (halted || !(role instanceof Leader l)) {
            return Status.error(RaftError.ENOTLEADER, "not leader; leader is " + leader);
        }
        if (target.peers().isEmpty()) {
            return Status.error(RaftError.EINVAL, "a configuration needs at least one voter, got " + target);
        }
        if (log.termAt(log.committed()) != term) {
            return Status.error(
                    RaftError.EAGAIN, "leader of term " + term + " has not committed an entry of its term yet");
        }
        if (l.changeInProgress() || confEntry.isJoint() || confIndex > log.committed()) {
            return Status.error(
                    RaftError.EBUSY,
                    "a configuration change is in progress (" + confEntry.conf()
                            + (confEntry.isJoint() ? " joint with " + confEntry.oldConf() : "") + " at " + confIndex
                            + ", commit index " + log.committed() + ")");
        }
        if (l.transferring()) {
            return Status.error(RaftError.EBUSY, "a leadership transfer is in progress");
        }
        if (target.equals(confEntry.conf())) {
            effects.add(new Effect.ConfigurationChanged(target));
            return Status.ok();
        }
        l.startChange(this, target, catchupMarginEntries, catchupTimeoutTicks);
        return Status.ok();
    }

    /** Appends the next configuration entry as leader and starts using it at once (§4.1). */
    void appendConfiguration(ConfigurationEntry entry) {
        long index = log.lastIndex() + 1;
        log.appendAsLeader(
                List.of(new LogEntry(index, term, EntryType.CONFIGURATION, ConfigurationCodec.encode(entry))));
        refreshConfiguration();
    }

    /**
     * braft's {@code reset_peers}: UNSAFE. Forces the configuration without consensus, for when a
     * majority is permanently lost; the survivors then elect a leader among themselves, whose first
     * entry records the forced configuration. If the lost nodes come back, two leaders and divergent
     * committed logs are possible: use only when they never will.
     */
    public void resetConfiguration(Configuration conf) {
        if (halted) {
            return;
        }
        if (role instanceof Leader) {
            stepDown("configuration reset to " + conf);
        }
        forcedConf = conf;
        forcedAt = log.lastIndex();
        confDirty = true;
        refreshConfiguration();
        electionElapsed = 0;
    }

    /**
     * A linearizable read (dissertation §6.4). The leader confirms it with a quorum round (or its
     * lease); a follower forwards it to the leader it knows. The answer is a {@link
     * Effect.ReadReady} or {@link Effect.ReadFailed} for {@code requestId}, now or later; a
     * forwarded read whose answer is lost gets none (the node times it out).
     */
    public void readIndex(long requestId) {
        if (halted) {
            emit(new Effect.ReadFailed(requestId, RaftError.EIO, "node is in ERROR state"));
        } else if (role instanceof Leader l) {
            l.readIndex(this, requestId, null);
        } else if (leader != null) {
            send(new ReadIndexRequest(groupId, self, leader, term, requestId), false);
        } else {
            emit(new Effect.ReadFailed(requestId, RaftError.EAGAIN, "no leader known in term " + term));
        }
    }

    /**
     * Dissertation §3.10 leadership transfer to {@code target} (null: the most up-to-date voter).
     * While it runs the node refuses new tasks (EBUSY); it is aborted after an election timeout.
     */
    public Status transferLeadership(PeerId target) {
        if (halted || !(role instanceof Leader l)) {
            return Status.error(RaftError.ENOTLEADER, "not leader; leader is " + leader);
        }
        return l.transferLeadership(this, target);
    }

    /** The target of a leadership transfer in progress, or null. */
    public PeerId transferee() {
        return role instanceof Leader l ? l.transferee() : null;
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

    // ---------------------------------------------------------------- snapshots (Raft paper §7)

    /**
     * A local snapshot is durable: remember it for followers and drop the log before
     * {@code lastIncludedIndex - marginEntries + 1} (the margin serves slightly slow followers
     * from the log instead of a whole snapshot).
     */
    public void onSnapshotSaved(SnapshotMeta meta, long marginEntries) {
        if (halted) {
            return;
        }
        long index = meta.lastIncludedIndex();
        if (latestSnapshot != null && index <= latestSnapshot.lastIncludedIndex()) {
            return; // an install overtook this save.
        }
        long firstKept = Math.max(log.firstIndex(), index - marginEntries + 1);
        log.snapshotTaken(index, meta.lastIncludedTerm(), firstKept);
        latestSnapshot = meta;
        if (firstKept > log.firstIndex()) {
            effects.add(new Effect.CompactLog(firstKept));
        }
    }

    /**
     * The snapshot the leader sent is durable and loaded into the state machine: the log continues
     * after it (Raft paper §7), the configuration is the snapshot's unless the kept log has a newer
     * one, and only now does the follower answer the leader.
     */
    public void onSnapshotInstalled(SnapshotMeta meta, PeerId from, long leaderTerm) {
        installing = 0;
        if (halted) {
            return;
        }
        long index = meta.lastIncludedIndex();
        latestSnapshot = meta;
        if (index <= log.committed()) {
            // Overtaken by appends (only possible without an install in progress); nothing to change.
            return;
        }
        if (log.snapshotInstalled(index, meta.lastIncludedTerm())) {
            if (log.firstIndex() <= index) {
                effects.add(new Effect.CompactLog(index + 1));
            }
        } else {
            effects.add(new Effect.ResetLog(index + 1));
        }
        confDirty = true;
        refreshConfiguration();
        if (leaderTerm == term) {
            send(new InstallSnapshotResponse(groupId, self, from, term, index, true, log.lastIndex()), true);
        }
    }

    /**
     * True while this leader is sending its snapshot to a live follower (a new snapshot would make
     * it start over).
     */
    public boolean sendingSnapshot() {
        if (!(role instanceof Leader)) {
            return false;
        }
        return tracker.anySnapshotInstalling();
    }

    /** A snapshot not yet applied here became the latest on disk: serve it to followers from now on. */
    public void noteSnapshot(SnapshotMeta meta) {
        if (latestSnapshot == null || meta.lastIncludedIndex() > latestSnapshot.lastIncludedIndex()) {
            latestSnapshot = meta;
        }
    }

    /** The copy failed or was abandoned (leader change): a later InstallSnapshot starts over. */
    public void abandonInstall() {
        installing = 0;
    }

    public SnapshotMeta latestSnapshot() {
        return latestSnapshot;
    }

    /** Last index of the snapshot being installed from the leader, 0 if none. */
    public long installing() {
        return installing;
    }

    void handleInstallSnapshot(InstallSnapshotRequest r) {
        long index = r.meta().lastIncludedIndex();
        if (installing == index) {
            return; // a resend while we copy it.
        }
        if (index <= log.committed() || installing > index) {
            // Stale (Raft paper §7; braft refuses it): we hold at least this much already.
            send(new InstallSnapshotResponse(groupId, self, r.from(), term, index, false, log.lastIndex()), true);
            return;
        }
        installing = index;
        effects.add(new Effect.InstallSnapshot(r.meta(), r.from(), term));
    }

    public List<Effect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<Effect> out = effects;
        effects = new ArrayList<>();
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
        return roleKind;
    }

    public boolean isHalted() {
        return halted;
    }

    /** True while this node is leader and its lease (dissertation §6.4.1) holds. */
    public boolean leaseValid() {
        return !halted && role instanceof Leader l && l.leaseValid(this);
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

    /** The configuration in force (while joint: the new one; see {@link #configurationEntry()}). */
    public Configuration configuration() {
        return confEntry.conf();
    }

    public ConfigurationEntry configurationEntry() {
        return confEntry;
    }

    /** Index of the entry the configuration in force came from. */
    public long configurationIndex() {
        return confIndex;
    }

    // ---------------------------------------------------------------- shared role behaviour

    void emit(Effect e) {
        effects.add(e);
    }

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
        if (electionElapsed >= randomizedElectionTimeout && selfVoter) {
            electionElapsed = 0;
            campaign(false);
        }
    }

    /**
     * Followers and candidates: {@code ticks} ticks that must not reach the election timeout (see
     * {@link Role#fastForward}); a learner's count is not bounded by it, as it never campaigns.
     */
    void fastForwardElection(long ticks) {
        electionElapsed = selfVoter
                ? Role.shortOf(electionElapsed, ticks, randomizedElectionTimeout)
                : Role.shortOf(electionElapsed, ticks, Integer.MAX_VALUE / 2);
    }

    /**
     * Followers and candidates: ticks until {@link #tickElection} campaigns; never for a learner
     * (only a configuration change, which is an input, makes it a voter, and the node re-reads
     * {@link #ticksUntilDue()} after every input).
     */
    int ticksUntilElection() {
        if (!selfVoter) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, randomizedElectionTimeout - electionElapsed);
    }

    /** Leader stickiness window: we heard from a live leader less than an election timeout ago. */
    private boolean heardFromLeaderRecently() {
        return config.leaderStickiness() && leader != null && electionElapsed < config.electionTicks();
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

    private void setRole(Role newRole) {
        role = newRole;
        roleKind = newRole.kind();
    }

    void becomeFollower(long newTerm, PeerId newLeader) {
        if (role instanceof Leader l) {
            String why = newTerm > term ? "saw term " + newTerm : "stepped down";
            l.failPendingReads(this, "leader stepped down: " + why);
            effects.add(new Effect.SteppedDown(term, why));
        }
        if (newTerm > term) {
            setLeader(null);
            setHardState(newTerm, null);
        }
        setRole(new Follower());
        setLeader(newLeader);
        electionElapsed = 0;
        resetRandomizedElectionTimeout();
    }

    void stepDown(String reason) {
        if (role instanceof Leader l) {
            l.failPendingReads(this, "leader stepped down: " + reason);
            effects.add(new Effect.SteppedDown(term, reason));
        }
        setRole(new Follower());
        setLeader(null);
        electionElapsed = 0;
        resetRandomizedElectionTimeout();
    }

    private void becomePreCandidate() {
        setRole(new PreCandidate());
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
        setRole(new Candidate());
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
        setRole(l);
        setLeader(self);
        tracker.resetProgress(log.lastIndex() + 1);
        tracker.progress(self).setSelfMatch(log.stableLastIndex());
        for (var e : tracker.allProgress().entrySet()) {
            e.getValue().setRecentActive(e.getKey().equals(self));
        }
        // braft: a new leader's first entry is a configuration entry; it commits earlier terms' entries.
        long confIndex = log.lastIndex() + 1;
        byte[] data = ConfigurationCodec.encode(confEntry);
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
        if (installing > 0 && !req.entries().isEmpty()) {
            // braft: no appends while a snapshot is being installed; its log reset would drop them.
            return;
        }
        if (req.prevLogIndex() < log.committed()) {
            // Everything up to our commit index is committed, so it matches the leader's log (Leader
            // Completeness, §5.4); the entries may also be compacted away here, even entry 1. Say how far
            // we are instead of comparing them (etcd: a MsgApp below committed is answered with it).
            send(AppendEntriesResponse.accept(groupId, self, req.from(), term, log.committed(), req.readSeq()), true);
            return;
        }
        long lastVerified = log.maybeAppend(req.prevLogIndex(), req.prevLogTerm(), req.leaderCommit(), req.entries());
        if (lastVerified >= 0) {
            // Acknowledges entries: only once they are durable here (afterLogDurable).
            send(AppendEntriesResponse.accept(groupId, self, req.from(), term, lastVerified, req.readSeq()), true);
            return;
        }
        long[] hint = log.findConflictByTerm(Math.min(req.prevLogIndex(), log.lastIndex()), req.prevLogTerm());
        send(
                AppendEntriesResponse.reject(
                        groupId, self, req.from(), term, req.prevLogIndex(), hint[0], hint[1], req.readSeq()),
                false);
    }
}
