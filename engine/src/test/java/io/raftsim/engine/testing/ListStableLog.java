package io.raftsim.engine.testing;

import io.raftsim.engine.core.log.StableLog;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A list-backed durable log for core unit tests; tests apply the core's write effects to it. */
public final class ListStableLog implements StableLog {
    public final List<LogEntry> entries = new ArrayList<>();

    public static LogEntry data(long index, long term, String data) {
        return new LogEntry(index, term, EntryType.DATA, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Entries 1..n with the given terms. */
    public static ListStableLog withTerms(long... terms) {
        ListStableLog l = new ListStableLog();
        for (int i = 0; i < terms.length; i++) {
            l.entries.add(data(i + 1, terms[i], "e" + (i + 1)));
        }
        return l;
    }

    @Override
    public long firstIndex() {
        return 1;
    }

    @Override
    public long lastIndex() {
        return entries.size();
    }

    @Override
    public long termAt(long index) {
        return index >= 1 && index <= entries.size()
                ? entries.get((int) index - 1).term()
                : 0;
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndexInclusive, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = fromIndex; i <= toIndexInclusive && i <= entries.size(); i++) {
            LogEntry e = entries.get((int) i - 1);
            if (!out.isEmpty() && bytes + e.sizeBytes() > maxBytes) {
                break;
            }
            out.add(e);
            bytes += e.sizeBytes();
        }
        return out;
    }

    public void truncateSuffix(long lastIndexKept) {
        while (entries.size() > lastIndexKept) {
            entries.remove(entries.size() - 1);
        }
    }

    public void append(List<LogEntry> es) {
        for (LogEntry e : es) {
            if (e.index() != entries.size() + 1) {
                throw new IllegalStateException("append " + e + " does not continue " + entries.size());
            }
            entries.add(e);
        }
    }
}
