package io.raftsim.sim.net;

/**
 * A message in flight. The payload is opaque to the network (the harness carries engine messages);
 * its size feeds the byte counters and its digest the trace hash.
 */
public record Envelope<P>(Endpoint from, Endpoint to, P payload, int sizeBytes, long digest, long sentAtNs) {}
