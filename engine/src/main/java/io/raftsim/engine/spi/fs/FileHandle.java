package io.raftsim.engine.spi.fs;

/** An open file. Offsets are absolute; there is no file position. */
public interface FileHandle extends AutoCloseable {
    String path();

    /** The file's current size as the node sees it (page cache included). */
    long size();

    /** Reads up to {@code len} bytes at {@code offset}; returns the count read, -1 at end of file. */
    int read(long offset, byte[] dst, int dstOff, int len);

    /**
     * Writes {@code len} bytes at {@code offset} into the page cache (not yet durable). The bytes
     * are copied before this returns: callers reuse {@code src} at once (the log's encode buffers).
     */
    void write(long offset, byte[] src, int srcOff, int len);

    /** Sets the file's size (shrinking drops bytes); durable only after fsync. */
    void truncate(long size);

    /**
     * Makes every write to this file so far durable; {@code done} runs later on the node's event
     * loop. A failed fsync must never be retried (the kernel may already have dropped the dirty
     * pages, so a retry can "succeed" with data lost): the caller treats it as fatal.
     */
    void fsync(IoCallback done);

    @Override
    void close();
}
