package io.raftsim.engine.storage.log;

import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class LogFixtures {
    private LogFixtures() {}

    /** An entry whose body names its index and term and varies in length, so offsets are irregular. */
    static LogEntry entry(long index, long term) {
        String body = "entry-" + index + "@" + term + "-" + "x".repeat((int) (index % 37));
        EntryType type = index % 11 == 0 ? EntryType.CONFIGURATION : EntryType.DATA;
        return new LogEntry(index, term, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry whose body is {@code bodyBytes} long (spanning frames when large). */
    static LogEntry bigEntry(long index, long term, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        for (int i = 0; i < bodyBytes; i++) {
            body[i] = (byte) (index * 31 + term * 7 + i);
        }
        return new LogEntry(index, term, EntryType.DATA, body);
    }

    static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(entry(i, term));
        }
        return out;
    }

    static List<LogEntry> readAll(LogStorage log) {
        return log.entries(log.firstIndex(), log.lastIndex(), Long.MAX_VALUE);
    }
}
