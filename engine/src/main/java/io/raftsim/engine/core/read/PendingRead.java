package io.raftsim.engine.core.read;

import io.raftsim.engine.PeerId;

/**
 * A read waiting on the leader for a quorum round: {@code requester} is null for a read of the
 * leader's own node, else the follower that forwarded it; {@code readIndex} is the leader's commit
 * index when the read arrived; {@code round} the heartbeat round whose quorum confirms it.
 */
public record PendingRead(long requestId, PeerId requester, long readIndex, long round) {}
