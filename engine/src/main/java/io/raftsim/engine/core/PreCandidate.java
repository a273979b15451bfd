package io.raftsim.engine.core;

import io.raftsim.engine.core.quorum.VoteResult;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RaftMessage;

/**
 * Dissertation §9.6 PreVote: ask whether a majority would vote for us in term + 1 before touching
 * the term, so that a partitioned node rejoining cannot disrupt a working leader.
 */
final class PreCandidate extends Role {
    PreCandidate() {
        super(RoleKind.PRE_CANDIDATE);
    }

    @Override
    void step(RaftCore core, RaftMessage m) {
        if (m instanceof InstallSnapshotRequest r) {
            core.becomeFollower(core.term(), r.from());
            core.handleInstallSnapshot(r);
        } else if (m instanceof AppendEntriesRequest req) {
            // A leader exists in our term: follow it.
            core.becomeFollower(core.term(), req.from());
            core.handleAppendEntries(req);
        } else if (m instanceof PreVoteResponse r) {
            boolean forThisRound = r.granted() ? r.term() == core.term() + 1 : r.term() <= core.term();
            if (!forThisRound) {
                return;
            }
            core.tracker().recordVote(r.from(), r.granted());
            VoteResult result = core.tracker().tallyVotes();
            if (result == VoteResult.WON) {
                core.becomeCandidate(false);
            } else if (result == VoteResult.LOST) {
                core.becomeFollower(core.term(), null);
            }
        }
    }
}
