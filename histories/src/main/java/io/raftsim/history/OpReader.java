package io.raftsim.history;

import java.io.Closeable;

/**
 * A stream of ops read one at a time, in file order; memory stays constant per op whatever the size
 * of the file. Malformed input raises {@link HistoryFormatException}; I/O errors raise {@link
 * java.io.UncheckedIOException}.
 */
public interface OpReader extends Closeable {
    /** The next op, or null at the end of the history. */
    Op next();

    /** The name of the source used in error messages (usually the file path). */
    String source();

    @Override
    void close();
}
