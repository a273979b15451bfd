package io.raftsim.engine.core.log;

import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/** Where {@link RaftLog} sends the durable writes it decides on (the core turns them into effects). */
public interface LogWriter {
    void truncateSuffix(long lastIndexKept);

    void append(List<LogEntry> entries);
}
