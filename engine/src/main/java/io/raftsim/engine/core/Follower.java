package io.raftsim.engine.core;

import io.raftsim.engine.RaftError;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.ReadIndexResponse;
import io.raftsim.engine.message.TimeoutNow;

/** Raft paper §5.2: passive; starts an election when it hears from no leader for a timeout. */
final class Follower extends Role {
    Follower() {
        super(RoleKind.FOLLOWER);
    }

    @Override
    void step(RaftCore core, RaftMessage m) {
        if (m instanceof AppendEntriesRequest req) {
            core.resetElectionElapsed();
            core.setLeader(req.from());
            core.handleAppendEntries(req);
        } else if (m instanceof InstallSnapshotRequest r) {
            core.resetElectionElapsed();
            core.setLeader(r.from());
            core.handleInstallSnapshot(r);
        } else if (m instanceof ReadIndexResponse r && r.from().equals(core.leader())) {
            if (r.success()) {
                core.emit(new Effect.ReadReady(r.requestId(), r.readIndex()));
            } else {
                core.emit(new Effect.ReadFailed(
                        r.requestId(),
                        RaftError.EAGAIN,
                        "leader " + r.from() + " refused the read in term " + r.term()));
            }
        } else if (m instanceof TimeoutNow) {
            // Dissertation §3.10: the leader hands over; campaign at once, skipping PreVote.
            core.campaign(true);
        }
    }
}
