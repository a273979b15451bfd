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

    /*
     * Time. Followers and both kinds of candidate run only the election timer (Raft paper §5.2),
     * so that is what a role does unless it overrides these three; the leader does.
     */

    /** One tick of the node's clock. */
    void tick(RaftCore core) {
        core.tickElection();
    }

    /**
     * How many ticks from now the first one that can do more than count is (at least 1): every
     * earlier tick only increments counters. The node sleeps until then instead of taking a timer
     * event per tick (braft's timers fire at their deadline, not on a fixed tick); a value too small
     * costs an event, one too large would delay an election or a heartbeat, so {@link
     * RaftCore#tick(long)} always checks that the ticks before it did not act.
     */
    int ticksUntilDue(RaftCore core) {
        return core.ticksUntilElection();
    }

    /**
     * Counts {@code ticks} ticks of a stall, the last of which {@link RaftCore#tick(long)} runs
     * next: every tick counter advances but stops one short of its deadline, so that each deadline
     * the stall passed fires once on that last tick instead of once per missed interval. Clocks
     * that only measure elapsed time (a leader's lease) count them all.
     */
    void fastForward(RaftCore core, long ticks) {
        core.fastForwardElection(ticks);
    }

    /** A tick counter {@code count} advanced by {@code ticks} but not to {@code deadline} (never back). */
    static int shortOf(int count, long ticks, int deadline) {
        return (int) Math.max(count, Math.min(count + ticks, deadline - 1L));
    }

    abstract void step(RaftCore core, RaftMessage message);
}
