package io.raftsim.workload.nemesis;

/** A directed link between two nodes of the cluster (indexes 0..n-1): messages from {@code from} to {@code to}. */
public record Link(int from, int to) implements Comparable<Link> {
    public Link {
        if (from < 0 || to < 0 || from == to) {
            throw new IllegalArgumentException("Link needs two distinct node indexes >= 0, got " + from + "->" + to);
        }
    }

    @Override
    public int compareTo(Link o) {
        int c = Integer.compare(from, o.from);
        return c != 0 ? c : Integer.compare(to, o.to);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
