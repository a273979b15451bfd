package io.raftsim.engine.node;

import io.raftsim.engine.Closure;
import io.raftsim.engine.LeaderChangeContext;
import io.raftsim.engine.Status;

/** One item of the node's apply queue; the queue keeps callbacks in order with applied entries. */
sealed interface FsmEvent {
    /** Apply committed entries up to {@code index}. */
    record ApplyTo(long index) implements FsmEvent {}

    /** Take a snapshot of what is applied at this point of the queue ({@code done} may be null). */
    record SaveSnapshot(Closure done) implements FsmEvent {}

    /** Load an installed snapshot, after the entries queued before it were applied. */
    record LoadSnapshot(
            io.raftsim.engine.storage.snapshot.SnapshotMeta meta, io.raftsim.engine.PeerId leader, long term)
            implements FsmEvent {}

    record LeaderStop(long term, Status status) implements FsmEvent {}

    record StartFollowing(LeaderChangeContext ctx) implements FsmEvent {}

    record StopFollowing(LeaderChangeContext ctx) implements FsmEvent {}

    record Error(Status status) implements FsmEvent {}

    record Shutdown(Closure done) implements FsmEvent {}
}
