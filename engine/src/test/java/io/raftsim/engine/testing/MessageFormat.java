package io.raftsim.engine.testing;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.GetFileRequest;
import io.raftsim.engine.message.GetFileResponse;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.InstallSnapshotResponse;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.ReadIndexRequest;
import io.raftsim.engine.message.ReadIndexResponse;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.message.TimeoutNow;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import java.nio.charset.StandardCharsets;

/** Compact, stable text for messages and entries in interaction-test output. */
public final class MessageFormat {
    private MessageFormat() {}

    public static String entry(LogEntry e) {
        String body = e.type() == EntryType.CONFIGURATION ? "conf" : new String(e.data(), StandardCharsets.UTF_8);
        return e.index() + "@" + e.term() + " " + body;
    }

    public static String message(RaftMessage m) {
        String head = m.from() + "->" + m.to() + " ";
        if (m instanceof PreVoteRequest r) {
            return head + "PreVote term=" + r.term() + " last=" + r.lastLogIndex() + "@" + r.lastLogTerm();
        }
        if (m instanceof PreVoteResponse r) {
            return head + "PreVoteResp term=" + r.term() + (r.granted() ? " granted" : " rejected");
        }
        if (m instanceof RequestVoteRequest r) {
            return head + "RequestVote term=" + r.term() + " last=" + r.lastLogIndex() + "@" + r.lastLogTerm()
                    + (r.leadershipTransfer() ? " transfer" : "");
        }
        if (m instanceof RequestVoteResponse r) {
            return head + "VoteResp term=" + r.term() + (r.granted() ? " granted" : " rejected");
        }
        if (m instanceof AppendEntriesRequest r) {
            StringBuilder sb = new StringBuilder(head)
                    .append("App term=")
                    .append(r.term())
                    .append(" prev=")
                    .append(r.prevLogIndex())
                    .append('@')
                    .append(r.prevLogTerm())
                    .append(" commit=")
                    .append(r.leaderCommit());
            if (!r.entries().isEmpty()) {
                sb.append(" entries=[");
                for (int i = 0; i < r.entries().size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(entry(r.entries().get(i)));
                }
                sb.append(']');
            }
            return sb.toString();
        }
        if (m instanceof AppendEntriesResponse r) {
            return head + "AppResp term=" + r.term()
                    + (r.success()
                            ? " ok match=" + r.matchIndex()
                            : " reject=" + r.rejectedIndex() + " hint=" + r.hintIndex() + "@" + r.hintTerm());
        }
        if (m instanceof InstallSnapshotRequest r) {
            return head + "InstallSnapshot term=" + r.term() + " snap="
                    + r.meta().lastIncludedIndex() + "@" + r.meta().lastIncludedTerm() + " files="
                    + r.meta().files().size();
        }
        if (m instanceof InstallSnapshotResponse r) {
            return head + "InstallSnapshotResp term=" + r.term() + " snap=" + r.lastIncludedIndex()
                    + (r.success() ? " ok" : " refused last=" + r.lastLogIndex());
        }
        if (m instanceof GetFileRequest r) {
            return head + "GetFile term=" + r.term() + " snap=" + r.snapshotIndex() + " " + r.file() + "@" + r.offset()
                    + " max=" + r.maxBytes();
        }
        if (m instanceof GetFileResponse r) {
            return head + "GetFileResp term=" + r.term() + " snap=" + r.snapshotIndex()
                    + (r.chunk() == null
                            ? " gone"
                            : " " + r.chunk().file() + "@" + r.chunk().offset() + " len="
                                    + r.chunk().data().length + (r.chunk().lastChunk() ? " last" : ""));
        }
        if (m instanceof ReadIndexRequest r) {
            return head + "ReadIndex term=" + r.term() + " id=" + r.requestId();
        }
        if (m instanceof ReadIndexResponse r) {
            return head + "ReadIndexResp term=" + r.term() + " id=" + r.requestId()
                    + (r.success() ? " index=" + r.readIndex() : " refused");
        }
        if (m instanceof TimeoutNow r) {
            return head + "TimeoutNow term=" + r.term();
        }
        return head + m;
    }
}
