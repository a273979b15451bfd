/**
 * An in-memory {@link io.raftsim.engine.spi.fs.FileSystem} with real crash semantics (page cache
 * versus durable bytes, directory-entry durability, torn writes) and fault hooks, for tests and
 * for users who want to crash a node on purpose.
 */
package io.raftsim.engine.spi.fs.memory;
