package io.raftsim.engine.core;

/** The four Raft roles (Raft paper §5.1, with dissertation §9.6's pre-candidate). */
public enum RoleKind {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
