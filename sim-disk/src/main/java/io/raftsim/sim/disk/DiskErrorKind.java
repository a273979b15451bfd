package io.raftsim.sim.disk;

/** What went wrong; the same kinds as the engine's storage SPI, so the harness maps them 1:1. */
public enum DiskErrorKind {
    /** EIO: a failed read, write or fsync, or a misuse the OS would refuse (e.g. non-empty directory). */
    IO,
    /** ENOSPC. */
    NO_SPACE,
    /** ENOENT: a file or directory that must exist does not. */
    NOT_FOUND
}
