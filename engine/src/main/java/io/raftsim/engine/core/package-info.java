/**
 * Raft as a pure, deterministic state machine (DESIGN.md section 4): {@link
 * io.raftsim.engine.core.RaftCore} takes ticks, messages, proposals and storage completions and
 * returns {@link io.raftsim.engine.core.Effect}s. Roles are classes (Follower, PreCandidate,
 * Candidate, Leader); quorum arithmetic, progress tracking, the in-memory log and configuration
 * encoding each live in their own subpackage.
 */
package io.raftsim.engine.core;
