package io.raftsim.engine.message;

import io.raftsim.engine.PeerId;

/**
 * A message between raft peers of one group. Messages are immutable values; a transport may
 * carry them as objects (the simulator) or encode them (a real network).
 */
public interface RaftMessage {
    /** The raft group this message belongs to (multi-raft: many groups share one transport). */
    String groupId();

    PeerId from();

    PeerId to();

    /** The sender's current term (Raft paper §5.1). */
    long term();

    /** Approximate encoded size, for the network's byte counters and bandwidth model. */
    int sizeBytes();
}
