package io.raftsim.engine.core;

import io.raftsim.engine.message.RaftMessage;

/**
 * Role-specific behaviour. {@link RaftCore} has already applied the term rules (Raft paper §5.1:
 * adopt a higher term, drop a lower one) and answered vote requests, so a role sees messages of its
 * own term only (and granted pre-vote answers, which carry the next term).
 *
 * <p>An abstract class rather than an interface, with the kind in a final field: the core asks
 * for the role on every message and tick, and with four implementations those calls went through
 * megamorphic interface dispatch (itable stubs, ~1.5% of a fuzz campaign's CPU). A field read and
 * a vtable call are cheaper.
 */
abstract sealed class Role permits Follower, PreCandidate, Candidate, Leader {
    private final RoleKind kind;

    Role(RoleKind kind) {
        this.kind = kind;
    }

    final RoleKind kind() {
        return kind;
    }

    abstract void tick(RaftCore core);

    abstract void step(RaftCore core, RaftMessage message);
}
