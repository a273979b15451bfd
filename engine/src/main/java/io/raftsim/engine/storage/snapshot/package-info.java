/**
 * Snapshots on disk: sealed {@code snapshot_<index>} directories written through a temp
 * directory, readers that verify CRC32C checksums, and the chunked copy of braft's two-phase
 * InstallSnapshot.
 */
package io.raftsim.engine.storage.snapshot;
