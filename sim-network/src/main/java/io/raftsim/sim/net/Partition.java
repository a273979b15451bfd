package io.raftsim.sim.net;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of blocked directed links. Direction matters: blocking only B->A gives the one-way link
 * where A is heard by B but B is not heard by A. Build the usual shapes with {@link Partitions}.
 */
public record Partition(String name, SortedSet<Link> blocked) {
    public Partition {
        blocked = Collections.unmodifiableSortedSet(new TreeSet<>(blocked));
    }

    public boolean blocks(Endpoint from, Endpoint to) {
        return blocked.contains(new Link(from, to));
    }

    /** Both partitions at once (their blocked links united). */
    public Partition union(Partition other) {
        TreeSet<Link> all = new TreeSet<>(blocked);
        all.addAll(other.blocked);
        return new Partition(name + "+" + other.name, all);
    }

    @Override
    public String toString() {
        return name + blocked;
    }
}
