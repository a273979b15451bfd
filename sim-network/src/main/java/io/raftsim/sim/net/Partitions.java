package io.raftsim.sim.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The named partition shapes of Jepsen's nemeses. Shapes that split a group take the endpoints in
 * the caller's order: shuffle them with a seeded stream first for random halves.
 */
public final class Partitions {
    private Partitions() {}

    /** No link blocked. */
    public static Partition none() {
        return new Partition("none", new TreeSet<>());
    }

    /** {@code target} can neither send to nor hear from anyone in {@code all}. */
    public static Partition isolate(Endpoint target, Collection<Endpoint> all) {
        requireMember("target", target, all);
        TreeSet<Link> b = new TreeSet<>();
        for (Endpoint e : all) {
            if (!e.equals(target)) {
                b.add(new Link(target, e));
                b.add(new Link(e, target));
            }
        }
        return new Partition("isolate(" + target.name() + ")", b);
    }

    /** The first {@code n/2} endpoints against the rest (for an odd n, a minority and a majority). */
    public static Partition halves(List<Endpoint> all) {
        requireAtLeast(all, 2, "halves");
        int cut = all.size() / 2;
        return new Partition("halves", cut(all.subList(0, cut), all.subList(cut, all.size())));
    }

    /** The given {@code minority} (fewer than half) against everybody else. */
    public static Partition majorityMinority(List<Endpoint> all, Collection<Endpoint> minority) {
        if (minority.isEmpty() || minority.size() * 2 >= all.size()) {
            throw new IllegalArgumentException("minority must hold 1.." + ((all.size() - 1) / 2) + " of " + all.size()
                    + " endpoints, got " + minority.size());
        }
        List<Endpoint> rest = new ArrayList<>();
        for (Endpoint e : all) {
            if (!minority.contains(e)) {
                rest.add(e);
            }
        }
        for (Endpoint m : minority) {
            requireMember("minority", m, all);
        }
        return new Partition("majorityMinority", cut(new ArrayList<>(minority), rest));
    }

    /**
     * Two halves that cannot talk to each other, except through one bridge endpoint (the middle of
     * the list) that talks to both: each side may think it has a majority through the bridge.
     */
    public static Partition bridge(List<Endpoint> all) {
        requireAtLeast(all, 3, "bridge");
        int mid = all.size() / 2;
        List<Endpoint> left = all.subList(0, mid);
        List<Endpoint> right = all.subList(mid + 1, all.size());
        return new Partition("bridge(" + all.get(mid).name() + ")", cut(left, right));
    }

    /**
     * Jepsen's majorities ring: every endpoint hears a majority (itself and its nearest neighbours
     * on the ring), but no two endpoints hear the same majority.
     */
    public static Partition ring(List<Endpoint> all) {
        requireAtLeast(all, 3, "ring");
        int n = all.size();
        int majority = n / 2 + 1;
        int reach = majority / 2; // neighbours on each side: 1 + 2*reach >= majority
        if (1 + 2 * reach < majority) {
            reach++;
        }
        TreeSet<Link> b = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int d = Math.abs(i - j);
                int ringDistance = Math.min(d, n - d);
                if (ringDistance > reach) {
                    b.add(new Link(all.get(i), all.get(j)));
                }
            }
        }
        return new Partition("ring", b);
    }

    /** Only {@code from -> to} works between the two: {@code to}'s messages to {@code from} are lost. */
    public static Partition oneWay(Endpoint from, Endpoint to) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("oneWay needs two endpoints, got " + from + " twice");
        }
        TreeSet<Link> b = new TreeSet<>();
        b.add(new Link(to, from));
        return new Partition("oneWay(" + from.name() + "->" + to.name() + ")", b);
    }

    /** {@code target} hears nobody but everybody hears it (a node with a dead inbound link). */
    public static Partition deafen(Endpoint target, Collection<Endpoint> all) {
        requireMember("target", target, all);
        TreeSet<Link> b = new TreeSet<>();
        for (Endpoint e : all) {
            if (!e.equals(target)) {
                b.add(new Link(e, target));
            }
        }
        return new Partition("deafen(" + target.name() + ")", b);
    }

    private static TreeSet<Link> cut(List<Endpoint> a, List<Endpoint> b) {
        TreeSet<Link> out = new TreeSet<>();
        for (Endpoint x : a) {
            for (Endpoint y : b) {
                out.add(new Link(x, y));
                out.add(new Link(y, x));
            }
        }
        return out;
    }

    private static void requireAtLeast(List<Endpoint> all, int n, String shape) {
        if (all.size() < n) {
            throw new IllegalArgumentException(shape + " needs at least " + n + " endpoints, got " + all.size());
        }
    }

    private static void requireMember(String field, Endpoint e, Collection<Endpoint> all) {
        if (!all.contains(e)) {
            throw new IllegalArgumentException(field + " " + e + " is not among the endpoints " + all);
        }
    }
}
