package io.raftsim.sim.net;

/** Counters of one directed link (or of the whole network), at the instant they were read. */
public record LinkCounters(
        long sent, long delivered, long dropped, long duplicated, long bytesSent, long bytesDelivered) {
    public static final LinkCounters ZERO = new LinkCounters(0, 0, 0, 0, 0, 0);

    public LinkCounters plus(LinkCounters o) {
        return new LinkCounters(
                sent + o.sent,
                delivered + o.delivered,
                dropped + o.dropped,
                duplicated + o.duplicated,
                bytesSent + o.bytesSent,
                bytesDelivered + o.bytesDelivered);
    }
}
