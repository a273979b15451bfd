package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/**
 * Raft paper Figure 2 AppendEntries; with no entries it is a heartbeat. Entries are contiguous and
 * start at {@code prevLogIndex + 1}.
 */
public record AppendEntriesRequest(
        String groupId,
        PeerId from,
        PeerId to,
        long term,
        long prevLogIndex,
        long prevLogTerm,
        List<LogEntry> entries,
        long leaderCommit)
        implements RaftMessage {
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
        int size = 64;
        for (LogEntry e : entries) {
            size += e.sizeBytes();
        }
        return size;
    }
}
