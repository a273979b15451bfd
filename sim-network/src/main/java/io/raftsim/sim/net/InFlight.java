package io.raftsim.sim.net;

/**
 * One copy of a message on the wire, tagged with the connection it was sent on, and also its own
 * delivery event: the network schedules this object itself rather than a lambda capturing it, so a
 * message in flight costs one object besides its {@link Envelope} and the simulation's timer.
 */
final class InFlight<P> implements Runnable {
    private final SimNetwork<P> network;
    private final LinkState<P> link;
    private final Envelope<P> envelope;
    /** The STREAM connection it was sent on; a reset since then means it was lost. */
    private final long epoch;

    InFlight(SimNetwork<P> network, LinkState<P> link, Envelope<P> envelope, long epoch) {
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
    public void run() {
        network.arrive(link, this);
    }
}
