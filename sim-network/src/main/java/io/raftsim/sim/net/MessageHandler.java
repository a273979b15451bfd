package io.raftsim.sim.net;

/** Receives the messages delivered to one endpoint, on the simulation's thread. */
@FunctionalInterface
public interface MessageHandler<P> {
    void onMessage(Envelope<P> envelope);
}
