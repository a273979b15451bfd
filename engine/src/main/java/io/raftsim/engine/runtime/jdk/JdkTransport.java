package io.raftsim.engine.runtime.jdk;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.Transport;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An in-process network for several nodes in one JVM: {@link #send} hands the message to the
 * target node's event loop, where its receiver runs. A message to a peer that is not registered
 * is dropped, which the protocol tolerates like any loss. One instance is shared by all nodes.
 */
public final class JdkTransport implements Transport {
    private record Endpoint(Clock loop, Consumer<RaftMessage> receiver) {}

    private final ConcurrentHashMap<PeerId, Endpoint> endpoints = new ConcurrentHashMap<>();

    /** Delivers messages addressed to {@code peer} to {@code receiver}, on {@code loop}. */
    public void register(PeerId peer, Clock loop, Consumer<RaftMessage> receiver) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(receiver, "receiver");
        if (endpoints.putIfAbsent(peer, new Endpoint(loop, receiver)) != null) {
            throw new IllegalStateException("peer " + peer + " is already registered");
        }
    }

    /** A stopped node: later messages to it are dropped. */
    public void unregister(PeerId peer) {
        endpoints.remove(peer);
    }

    @Override
    public void send(PeerId to, RaftMessage message) {
        Endpoint e = endpoints.get(to);
        if (e != null) {
            e.loop().execute(() -> e.receiver().accept(message));
        }
    }
}
