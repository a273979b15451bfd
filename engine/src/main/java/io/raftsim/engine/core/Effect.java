package io.raftsim.engine.core;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;
import java.util.List;

/**
 * What the pure core asks the world to do, in order. The node must issue storage writes in this
 * order, and must not send a message before every meta write issued before it is durable, nor
 * (when {@code afterLogDurable}) before every log write issued before it is durable.
 */
public sealed interface Effect {
    /** Persist term and vote (Raft paper Figure 2: updated on stable storage before responding). */
    record PersistMeta(RaftMeta meta) implements Effect {}

    /** Append entries to the log storage; report durability back with {@code onLogPersisted}. */
    record AppendLog(List<LogEntry> entries) implements Effect {}

    /** Drop log entries after {@code lastIndexKept}. */
    record TruncateLog(long lastIndexKept) implements Effect {}

    /** Drop log entries before {@code firstIndexKept}: they are in a durable snapshot (compaction). */
    record CompactLog(long firstIndexKept) implements Effect {}

    /** Discard the whole log; it continues at {@code nextIndex} (after an installed snapshot). */
    record ResetLog(long nextIndex) implements Effect {}

    /**
     * Phase two of InstallSnapshot: copy the files of {@code meta} from {@code leader} (of
     * {@code term}), verify, load, then report with {@code onSnapshotInstalled} or
     * {@code abandonInstall}.
     */
    record InstallSnapshot(SnapshotMeta meta, PeerId leader, long term) implements Effect {}

    /** Send a message; {@code afterLogDurable}: it acknowledges log writes issued before it. */
    record Send(RaftMessage message, boolean afterLogDurable) implements Effect {}

    /** The known leader changed (null: none known). */
    record LeaderChanged(PeerId previous, PeerId leader, long term) implements Effect {}

    /** This node became leader of {@code term}; its configuration entry is at {@code confIndex}. */
    record BecameLeader(long term, long confIndex) implements Effect {}

    /** This node stopped being the leader of {@code term}. */
    record SteppedDown(long term, String reason) implements Effect {}

    /** Leader: the membership change to {@code conf} is committed (C_new, dissertation §4.3). */
    record ConfigurationChanged(Configuration conf) implements Effect {}

    /** Leader: the membership change in progress failed before it was proposed. */
    record ConfigurationChangeFailed(RaftError code, String reason) implements Effect {}

    /**
     * The read {@code requestId} is confirmed: it may be served once the state machine has applied
     * {@code readIndex} (dissertation §6.4 step 4).
     */
    record ReadReady(long requestId, long readIndex) implements Effect {}

    /** The read {@code requestId} was refused; it must not be served. */
    record ReadFailed(long requestId, RaftError code, String reason) implements Effect {}
}
