package io.raftsim.engine;

import java.util.SortedMap;

/**
 * A snapshot of a node's state for humans and checkers ({@link RaftNode#describe()}).
 * {@code followers} is empty unless the node is the leader.
 */
public record NodeDescription(
        PeerId serverId,
        NodeState state,
        long term,
        PeerId votedFor,
        PeerId leaderId,
        long commitIndex,
        long appliedIndex,
        long lastLogIndex,
        long durableLogIndex,
        Configuration configuration,
        SortedMap<PeerId, PeerProgress> followers) {}
