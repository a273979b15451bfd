/**
 * The segmented raft log ({@link io.raftsim.engine.storage.log.SegmentedLog}): CRC32C records in
 * size-limited segments, group-committed appends, durable truncations, and recovery that cuts a
 * torn tail of the newest segment but reports any other damage as CORRUPT.
 */
package io.raftsim.engine.storage.log;
