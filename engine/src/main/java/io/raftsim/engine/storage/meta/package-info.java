/**
 * Durable term and vote ({@link io.raftsim.engine.storage.meta.FileMetaStorage}) and the
 * crash-atomic small-file replacement it and the log's first-index record share ({@link
 * io.raftsim.engine.storage.meta.AtomicFile}).
 */
package io.raftsim.engine.storage.meta;
