package io.raftsim.sim;

/** One executed event as the {@link EventLog} remembers it. */
public record EventRecord(long index, long timeNs, String kind, int node, long digest) {
    @Override
    public String toString() {
        return "#" + index + " t=" + timeNs + "ns " + kind + " node=" + node + " digest=" + Long.toHexString(digest);
    }
}
