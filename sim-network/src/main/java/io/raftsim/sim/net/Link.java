package io.raftsim.sim.net;

/** A directed link: messages from {@code from} to {@code to}. */
public record Link(Endpoint from, Endpoint to) implements Comparable<Link> {
    @Override
    public int compareTo(Link o) {
        int c = Integer.compare(from.id(), o.from.id());
        return c != 0 ? c : Integer.compare(to.id(), o.to.id());
    }

    @Override
    public String toString() {
        return from.name() + "->" + to.name();
    }
}
