package io.raftsim.sim.disk;

/** A failed disk operation, typed by {@link DiskErrorKind}. */
public final class DiskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DiskErrorKind kind;

    public DiskException(DiskErrorKind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public DiskErrorKind kind() {
        return kind;
    }
}
