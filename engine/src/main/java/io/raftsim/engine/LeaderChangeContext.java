package io.raftsim.engine;

/** braft's {@code LeaderChangeContext}: who leads (or led) in which term, and why it changed. */
public record LeaderChangeContext(PeerId leaderId, long term, Status status) {}
