package io.raftsim.harness.client;

import io.raftsim.workload.kv.KvResult;

/** What a server answers a client request. */
sealed interface Reply {
    /** Not the leader; {@code leaderHint} is the leader it knows (node identity) or -1. Definitely not appended. */
    record Redirect(int leaderHint) implements Reply {}

    /** Proposed, then the outcome became unknown (leader stepped down, shut down, storage error). */
    record Unknown(String why) implements Reply {}

    /** Committed and applied: the state machine's result. */
    record Done(KvResult result) implements Reply {}
}
