package io.raftsim.engine.node;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.spi.Cancellable;
import io.raftsim.engine.storage.snapshot.SnapshotCopier;

/**
 * A follower's InstallSnapshot in progress (braft's SnapshotExecutor while installing): the leader
 * and term it came from, the copier receiving the files, and the timer that asks again for a
 * chunk whose request or answer was lost.
 */
final class InstallState {
    final PeerId leader;
    final long term;
    final SnapshotCopier copier;
    Cancellable retry;
    /** The files are complete and being verified, sealed and loaded: no more chunks. */
    boolean finishing;

    InstallState(PeerId leader, long term, SnapshotCopier copier) {
        this.leader = leader;
        this.term = term;
        this.copier = copier;
    }

    long index() {
        return copier.meta().lastIncludedIndex();
    }

    void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }
}
