package io.raftsim.engine.storage.log;

import io.raftsim.engine.storage.LogEntry;

/**
 * Where one entry of the logical log lives: still in memory ({@code pending}, queued behind a
 * truncation or segment roll and not yet written) or in a segment file at {@code offset}.
 */
final class Slot {
    final long term;
    LogEntry pending;
    Segment segment;
    long offset;
    int recordBytes;

    Slot(long term, LogEntry pending) {
        this.term = term;
        this.pending = pending;
    }

    Slot(long term, Segment segment, long offset, int recordBytes) {
        this.term = term;
        this.segment = segment;
        this.offset = offset;
        this.recordBytes = recordBytes;
    }
}
