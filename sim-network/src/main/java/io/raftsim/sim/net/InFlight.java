package io.raftsim.sim.net;

import io.raftsim.sim.Timer;

/**
 * One copy of a message on the wire, tagged with the connection it was sent on, and also its own
 * delivery event in the simulation's queue: a message in flight costs this object and its {@link
 * Envelope}, not a queue entry and a callback besides.
 */
final class InFlight<P> extends Timer {
    private final SimNetwork<P> network;
    private final LinkState<P> link;
    private final Envelope<P> envelope;
    /** The STREAM connection it was sent on; a reset since then means it was lost. */
    private final long epoch;

    InFlight(SimNetwork<P> network, LinkState<P> link, Envelope<P> envelope, long epoch, long traceDigest) {
        super(SimNetwork.DELIVER, envelope.to().id(), traceDigest);
        this.network = network;
        this.link = link;
        this.envelope = envelope;
        this.epoch = epoch;
    }

    Envelope<P> envelope() {
        return envelope;
    }

    long epoch() {
        return epoch;
    }

    /** The delivery event: the copy reaches the far end of its link. */
    @Override
    protected void fire() {
        network.arrive(link, this);
    }
}
