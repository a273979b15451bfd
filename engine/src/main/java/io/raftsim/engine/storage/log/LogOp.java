package io.raftsim.engine.storage.log;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/** A mutation of the log waiting for its turn on disk. Appends batch; the others are barriers. */
sealed interface LogOp permits LogOp.Append, LogOp.TruncateSuffix, LogOp.TruncatePrefix, LogOp.Reset, LogOp.Repair {
    IoCallback done();

    record Append(List<LogEntry> entries, IoCallback done) implements LogOp {}

    record TruncateSuffix(long lastIndexKept, IoCallback done) implements LogOp {}

    record TruncatePrefix(long firstIndexKept, IoCallback done) implements LogOp {}

    record Reset(long nextLogIndex, IoCallback done) implements LogOp {}

    /**
     * Recovery found an unsynced tail in {@code segment} past file offset {@code cutOffset}: cut it
     * durably before anything else is written there (see {@link LogRecovery}).
     */
    record Repair(Segment segment, long cutOffset, IoCallback done) implements LogOp {}
}
