package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * AppendEntries result. On success {@code matchIndex} is the last index this request verified
 * (durable on the follower). On rejection {@code rejectedIndex} is the request's prevLogIndex and
 * ({@code hintIndex}, {@code hintTerm}) is the follower's conflict hint: its largest index at or
 * below the rejected one whose term is at most the request's prevLogTerm, so the leader skips a
 * whole term per round trip (fast backtracking, Raft paper §5.3 last paragraphs). {@code readSeq}
 * echoes the request's heartbeat round.
 */
public record AppendEntriesResponse(
        String groupId,
        PeerId from,
        PeerId to,
        long term,
        boolean success,
        long matchIndex,
        long rejectedIndex,
        long hintIndex,
        long hintTerm,
        long readSeq)
        implements RaftMessage {
    public static AppendEntriesResponse accept(String groupId, PeerId from, PeerId to, long term, long matchIndex) {
        return accept(groupId, from, to, term, matchIndex, 0);
    }

    public static AppendEntriesResponse accept(
            String groupId, PeerId from, PeerId to, long term, long matchIndex, long readSeq) {
        return new AppendEntriesResponse(groupId, from, to, term, true, matchIndex, 0, 0, 0, readSeq);
    }

    public static AppendEntriesResponse reject(
            String groupId, PeerId from, PeerId to, long term, long rejectedIndex, long hintIndex, long hintTerm) {
        return reject(groupId, from, to, term, rejectedIndex, hintIndex, hintTerm, 0);
    }

    public static AppendEntriesResponse reject(
            String groupId,
            PeerId from,
            PeerId to,
            long term,
            long rejectedIndex,
            long hintIndex,
            long hintTerm,
            long readSeq) {
        return new AppendEntriesResponse(
                groupId, from, to, term, false, 0, rejectedIndex, hintIndex, hintTerm, readSeq);
    }

    @Override
    public int sizeBytes() {
        return 72;
    }
}
