package io.raftsim.engine.spi;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.message.RaftMessage;

/**
 * Outbound messages to peers. Best effort: a message may be lost, delayed or (with datagram
 * semantics) reordered; the engine's protocol tolerates all of that. Never blocks. Inbound
 * delivery is the runtime's job: it calls the node's {@code receive} on the node's event loop.
 */
public interface Transport {
    void send(PeerId to, RaftMessage message);
}
