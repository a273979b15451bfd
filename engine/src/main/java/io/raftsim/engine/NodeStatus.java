package io.raftsim.engine;

/** The part of a {@link NodeDescription} a monitor samples after every event: see {@link RaftNode#status()}. */
public record NodeStatus(NodeState state, long term, long commitIndex, long appliedIndex) {}
