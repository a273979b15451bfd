package io.raftsim.sim.net;

import java.util.ArrayDeque;

/** The mutable state of one directed link: its configuration, connection and counters. */
final class LinkState<P> {
    final Endpoint from;
    final Endpoint to;
    LinkConfig config;
    /** STREAM: the current connection; messages of an older one were lost with it. */
    long epoch;
    /** STREAM: delivery time of the last message sent, so no later message overtakes it (FIFO). */
    long lastDeliveryNs;
    /** Clogged: nothing is delivered before this virtual time. */
    long clogUntilNs;

    boolean blocked;
    /** STREAM: a drain of {@link #held} is already in the queue. */
    boolean drainScheduled;
    /** STREAM: messages that reached a paused receiver or a clogged link, delivered in order later. */
    final ArrayDeque<InFlight<P>> held = new ArrayDeque<>();

    long sent;
    long delivered;
    long dropped;
    long duplicated;
    long bytesSent;
    long bytesDelivered;

    LinkState(Endpoint from, Endpoint to, LinkConfig config) {
        this.from = from;
        this.to = to;
        this.config = config;
    }

    /** Breaks the connection: in-flight and held messages are lost. */
    void reset() {
        epoch++;
        dropped += held.size();
        held.clear();
    }

    LinkCounters counters() {
        return new LinkCounters(sent, delivered, dropped, duplicated, bytesSent, bytesDelivered);
    }
}
