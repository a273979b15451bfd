package io.raftsim.engine.node;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.storage.LogEntry;
import java.util.List;

/** {@link Iterator} over one batch of committed DATA entries and their pending closures. */
final class BatchIterator implements Iterator {
    private final List<LogEntry> entries;
    private final List<Closure> closures;
    private int pos;

    BatchIterator(List<LogEntry> entries, List<Closure> closures) {
        if (entries.size() != closures.size()) {
            throw new IllegalArgumentException(
                    "entries (" + entries.size() + ") and closures (" + closures.size() + ") must pair up");
        }
        this.entries = entries;
        this.closures = closures;
    }

    @Override
    public boolean valid() {
        return pos < entries.size();
    }

    @Override
    public void next() {
        if (!valid()) {
            throw new IllegalStateException("Iterator.next() past the end of the batch (" + entries.size() + ")");
        }
        pos++;
    }

    private LogEntry current() {
        if (!valid()) {
            throw new IllegalStateException("Iterator is not valid (position " + pos + " of " + entries.size() + ")");
        }
        return entries.get(pos);
    }

    @Override
    public long index() {
        return current().index();
    }

    @Override
    public long term() {
        return current().term();
    }

    @Override
    public byte[] data() {
        return current().data();
    }

    @Override
    public Closure done() {
        current();
        return closures.get(pos);
    }
}
