/**
 * In-memory log and meta storage that model durability (fsync latency on the node clock, group
 * commit, crash losing unsynced writes, injected failures) for tests and benchmarks.
 */
package io.raftsim.engine.storage.memory;
