package io.raftsim.engine.core;

import io.raftsim.engine.core.quorum.VoteResult;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.RequestVoteResponse;

/**
 * Raft paper §5.2 candidate. Its own vote counts only once it is durable ({@link
 * RaftCore#onMetaPersisted}); its RequestVotes leave only after that too (the node's send barrier).
 */
final class Candidate extends Role {
    Candidate() {
        super(RoleKind.CANDIDATE);
    }

    @Override
    void step(RaftCore core, RaftMessage m) {
        if (m instanceof InstallSnapshotRequest r) {
            core.becomeFollower(core.term(), r.from());
            core.handleInstallSnapshot(r);
        } else if (m instanceof AppendEntriesRequest req) {
            // §5.2: "If AppendEntries RPC received from new leader: convert to follower".
            core.becomeFollower(core.term(), req.from());
            core.handleAppendEntries(req);
        } else if (m instanceof RequestVoteResponse r) {
            core.tracker().recordVote(r.from(), r.granted());
            checkVotes(core);
        }
    }

    static void checkVotes(RaftCore core) {
        VoteResult result = core.tracker().tallyVotes();
        if (result == VoteResult.WON) {
            core.becomeLeader();
        } else if (result == VoteResult.LOST) {
            core.becomeFollower(core.term(), null);
        }
    }
}
