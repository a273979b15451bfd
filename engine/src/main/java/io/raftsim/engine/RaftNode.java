package io.raftsim.engine;

import io.raftsim.engine.message.RaftMessage;
import java.util.List;

/**
 * A replica of one raft group (braft's {@code Node}). All methods must be called on the node's
 * event loop (the {@link io.raftsim.engine.spi.Clock} of its {@link NodeEnvironment}); the node
 * never blocks and never starts threads. Create with {@link #create}.
 */
public interface RaftNode {
    /**
     * Creates a node; nothing happens until {@link #start()}. {@code serverId} must be in the
     * configuration the node will find in its log, or in {@code options.initialConfiguration()}.
     */
    static RaftNode create(String groupId, PeerId serverId, NodeOptions options, NodeEnvironment env) {
        return new io.raftsim.engine.node.NodeImpl(groupId, serverId, options, env);
    }

    /** Loads term, vote and log from storage and starts the timers; throws if storage is unreadable. */
    void start();

    /** Inbound delivery: the runtime calls this for every message addressed to this node. */
    void receive(RaftMessage message);

    /**
     * Proposes a task. The closure runs with OK from {@code onApply} once committed and applied, or
     * with a definite refusal (ENOTLEADER, ESTALE: expected term mismatch, EBUSY: too many pending
     * tasks, ESHUTDOWN before start or after shutdown), or with an unknown outcome (EPERM: leadership
     * lost after proposing, braft's false negative: the entry may still commit; ESHUTDOWN for a task
     * pending at shutdown).
     */
    void apply(Task task);

    /**
     * A linearizable read (dissertation §6.4 ReadIndex; braft's {@code read_index}). {@code done}
     * runs with OK and the read index once this node's state machine has applied at least that
     * index: the caller then reads its state machine directly. Errors (nothing may be read): EAGAIN
     * (the leader has not committed an entry of its term yet, or no leader is known: retry),
     * EPERM (leadership lost before the read was confirmed), ETIMEDOUT (a forwarded read got no
     * answer within two election timeouts), ESHUTDOWN, EIO. Works on followers: the read is
     * forwarded to the leader and served locally once applied. With {@link ReadMode#LEASE_BASED}
     * the leader skips the quorum round while its lease holds.
     */
    void readIndex(byte[] context, ReadIndexClosure done);

    /**
     * Takes a snapshot now (braft's {@code snapshot}): {@code onSnapshotSave} for the applied state,
     * then the log before it is compacted (keeping {@code snapshotMarginEntries}). OK also when
     * nothing was applied since the last snapshot; EBUSY while one is saved or installed; EINVAL
     * without snapshot storage; EIO on a storage failure (the node is then in ERROR).
     */
    void snapshot(Closure done);

    /**
     * Changes the voters to {@code newPeers.peers()} by joint consensus (dissertation §4.3):
     * new voters catch up first ({@code catchupMarginEntries}), then C_old,new and C_new are
     * committed in turn; learners stay as they are. {@code done} runs with OK once C_new committed;
     * EBUSY while another change (or a transfer) runs, EAGAIN before the leader committed an entry
     * of its term, ENOTLEADER, EINVAL, ETIMEDOUT (new voters did not catch up), EPERM (leadership
     * lost during the change: it may still complete). A leader that removes itself steps down once
     * C_new commits, after sending TimeoutNow to the most up-to-date remaining voter.
     */
    void changePeers(Configuration newPeers, Closure done);

    /** {@link #changePeers} adding one voter. */
    void addPeer(PeerId peer, Closure done);

    /** {@link #changePeers} removing one voter. */
    void removePeer(PeerId peer, Closure done);

    /** Adds non-voting learners: they replicate and apply, never vote, campaign or count. */
    void addLearners(java.util.Collection<PeerId> learners, Closure done);

    void removeLearners(java.util.Collection<PeerId> learners, Closure done);

    /**
     * UNSAFE (braft's {@code reset_peers}): forces this node's configuration without consensus, to
     * recover from the permanent loss of a majority. Call it on every survivor with the same
     * configuration; they then elect a leader among themselves. If a lost node ever comes back the
     * cluster can elect two leaders and lose committed entries. Returns EINVAL for an empty one.
     */
    Status resetPeers(Configuration conf);

    /**
     * Dissertation §3.10: hands leadership to {@code peer} ({@code null}: the most up-to-date voter).
     * Returns at once: OK if the transfer started (new tasks get EBUSY until it ends; it is aborted
     * if the target has not won within an election timeout), else ENOTLEADER, EBUSY or EINVAL.
     * Shutting down a leader hands over the same way.
     */
    Status transferLeadershipTo(PeerId peer);

    /** The learners of the current configuration, sorted. */
    List<PeerId> listLearners();

    /**
     * Stops the node: pending tasks fail with ESHUTDOWN; a leader sends TimeoutNow to its most
     * up-to-date follower and steps down ({@code onLeaderStop}); then {@code onShutdown}, then
     * {@code done}.
     */
    void shutdown(Closure done);

    String groupId();

    PeerId serverId();

    /** The leader this node currently knows of, or null. */
    PeerId leaderId();

    boolean isLeader();

    /** The voting peers of the current configuration, sorted. */
    List<PeerId> listPeers();

    NodeDescription describe();

    /**
     * {@code describe()}'s state, term, commit index and applied index in one small value, without building the follower table: cheap enough for a harness that
     * samples it after every event of the node.
     */
    default NodeStatus status() {
        NodeDescription d = describe();
        return new NodeStatus(d.state(), d.term(), d.commitIndex(), d.appliedIndex());
    }
}
