package io.raftsim.sim.net;

/**
 * How one directed link behaves. Latency of a message is {@code latencyBaseNs + U[0,
 * latencyJitterNs]}, plus {@code U[0, tailLatencyNs]} with probability {@code tailProbability} (the
 * rare long tail). In STREAM mode {@code dropProbability} is the chance that a send breaks the
 * connection (the message and everything in flight are lost, as with a TCP reset); in DATAGRAM mode
 * it drops just that message.
 */
public record LinkConfig(
        LinkMode mode,
        long latencyBaseNs,
        long latencyJitterNs,
        double tailProbability,
        long tailLatencyNs,
        double dropProbability,
        double duplicateProbability) {

    public LinkConfig {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be STREAM or DATAGRAM, got null");
        }
        nonNegative("latencyBaseNs", latencyBaseNs);
        nonNegative("latencyJitterNs", latencyJitterNs);
        nonNegative("tailLatencyNs", tailLatencyNs);
        probability("tailProbability", tailProbability);
        probability("dropProbability", dropProbability);
        probability("duplicateProbability", duplicateProbability);
        if (mode == LinkMode.STREAM && duplicateProbability != 0.0) {
            throw new IllegalArgumentException(
                    "duplicateProbability must be 0 for a STREAM link (TCP never duplicates), got "
                            + duplicateProbability);
        }
    }

    private static void nonNegative(String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + v);
        }
    }

    private static void probability(String field, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a probability in [0, 1], got " + p);
        }
    }

    /** A reliable TCP-like link with fixed latency. */
    public static LinkConfig stream(long latencyBaseNs, long latencyJitterNs) {
        return new LinkConfig(LinkMode.STREAM, latencyBaseNs, latencyJitterNs, 0.0, 0L, 0.0, 0.0);
    }

    /** A UDP-like link that neither drops nor duplicates until told to. */
    public static LinkConfig datagram(long latencyBaseNs, long latencyJitterNs) {
        return new LinkConfig(LinkMode.DATAGRAM, latencyBaseNs, latencyJitterNs, 0.0, 0L, 0.0, 0.0);
    }

    public LinkConfig withTail(double probability, long tailNs) {
        return new LinkConfig(
                mode, latencyBaseNs, latencyJitterNs, probability, tailNs, dropProbability, duplicateProbability);
    }

    public LinkConfig withDrop(double probability) {
        return new LinkConfig(
                mode,
                latencyBaseNs,
                latencyJitterNs,
                tailProbability,
                tailLatencyNs,
                probability,
                duplicateProbability);
    }

    public LinkConfig withDuplicate(double probability) {
        return new LinkConfig(
                mode, latencyBaseNs, latencyJitterNs, tailProbability, tailLatencyNs, dropProbability, probability);
    }
}
