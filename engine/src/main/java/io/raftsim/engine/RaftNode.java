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
}
