/**
 * The segmented raft log ({@link io.raftsim.engine.storage.log.SegmentedLog}): CRC32C records in
 * size-limited segments framed per sector (each frame checksummed and stamped with its segment and
 * position), group-committed appends, durable truncations, and recovery that cuts the log at the
 * first never-written sector of the newest segment but reports any damaged sector as CORRUPT.
 */
package io.raftsim.engine.storage.log;
