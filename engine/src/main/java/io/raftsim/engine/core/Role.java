package io.raftsim.engine.core;

import io.raftsim.engine.message.RaftMessage;

/**
 * Role-specific behaviour. {@link RaftCore} has already applied the term rules (Raft paper §5.1:
 * adopt a higher term, drop a lower one) and answered vote requests, so a role sees messages of its
 * own term only (and granted pre-vote answers, which carry the next term).
 */
sealed interface Role permits Follower, PreCandidate, Candidate, Leader {
    RoleKind kind();

    void tick(RaftCore core);

    void step(RaftCore core, RaftMessage message);
}
