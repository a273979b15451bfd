/** Raft messages as immutable records; every message carries its group id (multi-raft). */
package io.raftsim.engine.message;
