package io.raftsim.engine.storage;

import java.util.Objects;

/**
 * One log entry. {@code data} is owned by the entry and must not be mutated after construction.
 * For {@link EntryType#CONFIGURATION} entries the engine defines the encoding of {@code data}.
 */
public record LogEntry(long index, long term, EntryType type, byte[] data) {
    public LogEntry {
        if (index < 1) {
            throw new IllegalArgumentException("LogEntry index must be >= 1, got " + index);
        }
        if (term < 1) {
            throw new IllegalArgumentException("LogEntry term must be >= 1, got " + term + " at index " + index);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** Bytes this entry takes in a message or a log record body (for batching limits). */
    public int sizeBytes() {
        return data.length + 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e
                && index == e.index
                && term == e.term
                && type == e.type
                && java.util.Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term);
    }

    @Override
    public String toString() {
        return "LogEntry{" + index + "@" + term + " " + type + " " + data.length + "B}";
    }
}
