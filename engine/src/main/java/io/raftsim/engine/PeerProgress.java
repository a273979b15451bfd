package io.raftsim.engine;

/** The leader's view of one follower's replication, for {@link NodeDescription}. */
public record PeerProgress(long matchIndex, long nextIndex, String state, int inflightAppends, boolean recentActive) {}
