package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/**
 * Raft paper Figure 2 AppendEntries; with no entries it is a heartbeat. Entries are contiguous and
 * start at {@code prevLogIndex + 1}. {@code readSeq} is the leader's heartbeat round when it sent
 * the message; the follower echoes it, so that an answer proves the leader was still leader at
 * that round (ReadIndex confirmation and lease, dissertation §6.4).
 */
public record AppendEntriesRequest(
        String groupId,
        PeerId from,
        PeerId to,
        long term,
        long prevLogIndex,
        long prevLogTerm,
        List<LogEntry> entries,
        long leaderCommit,
        long readSeq)
        implements RaftMessage {
    /** Without a heartbeat round number (tests, and messages that confirm nothing). */
    public AppendEntriesRequest(
            String groupId,
            PeerId from,
            PeerId to,
            long term,
            long prevLogIndex,
            long prevLogTerm,
            List<LogEntry> entries,
            long leaderCommit) {
        this(groupId, from, to, term, prevLogIndex, prevLogTerm, entries, leaderCommit, 0);
    }

    public AppendEntriesRequest {
        entries = List.copyOf(entries);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() != prevLogIndex + 1 + i) {
                throw new IllegalArgumentException("AppendEntries entries must continue prevLogIndex " + prevLogIndex
                        + ", entry " + i + " has index " + entries.get(i).index());
            }
        }
    }

    public long lastIndex() {
        return prevLogIndex + entries.size();
    }

    @Override
    public int sizeBytes() {
        // Indexed: asked twice per message sent, and the for-each iterator was not optimized away.
        int size = 64;
        for (int i = 0; i < entries.size(); i++) {
            size += entries.get(i).sizeBytes();
        }
        return size;
    }
}
