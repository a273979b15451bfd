package io.raftsim.engine.spi.fs.memory;

/** A change to a file that sits in the page cache until an fsync makes it durable. */
sealed interface PendingOp permits PendingOp.Write, PendingOp.Truncate {
    /** Issue order within the file; an fsync covers every op issued before it was called. */
    long seq();

    record Write(long seq, long offset, byte[] bytes) implements PendingOp {}

    record Truncate(long seq, long size) implements PendingOp {}
}
