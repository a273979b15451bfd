package io.raftsim.engine.spi.fs;

/** A storage failure with its kind; never swallowed: the node goes to its ERROR state. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as the simulator and the JDK runtime can both report it. */
    public enum Kind {
        /** An I/O error: EIO from read, write or fsync. */
        IO,
        /** No space left on device (ENOSPC). */
        NO_SPACE,
        /** A file or directory that must exist does not. */
        NOT_FOUND,
        /** Bytes read back fail their checksum or cannot be decoded. */
        CORRUPT
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
