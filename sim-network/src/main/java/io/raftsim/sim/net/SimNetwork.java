package io.raftsim.sim.net;

import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The simulated network (DESIGN.md section 3): directed links between endpoints, each with its
 * own latency distribution, loss, duplication and STREAM/DATAGRAM semantics; partitions as sets of
 * blocked directed links; clogging; crashed and paused endpoints. All randomness comes from the
 * simulation's {@code "net"} stream, and every delivery is an event in the trace hash.
 *
 * @param <P> the payload type, opaque to the network
 */
public final class SimNetwork<P> {
    /** Event kinds, as they appear in the trace and event log. */
    public static final String DELIVER = "net.deliver";

    public static final String RESUME = "net.resume";

    private final Simulation sim;
    private final RandomStream rnd;
    private final LinkConfig defaultConfig;
    private final List<Endpoint> endpoints = new ArrayList<>();
    /*
     * By endpoint id, as arrays rather than lists: every send and delivery reads them, and under
     * the launcher's small JIT inlining limits each List.get stayed a real call.
     */
    private Endpoint[] endpointById = new Endpoint[0];

    private MessageHandler<?>[] handlers = new MessageHandler<?>[0];
    private EndpointStatus[] statuses = new EndpointStatus[0];
    private Object[][] links = new Object[0][0];
    private Partition partition = Partitions.none();

    public SimNetwork(Simulation sim, LinkConfig defaultConfig) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig");
        this.rnd = sim.random("net");
    }

    public Simulation simulation() {
        return sim;
    }

    /** Registers a process; its id is the next dense index. */
    public Endpoint addEndpoint(String name, MessageHandler<P> handler) {
        for (Endpoint e : endpoints) {
            if (e.name().equals(name)) {
                throw new IllegalArgumentException("endpoint name '" + name + "' is already taken by " + e);
            }
        }
        Objects.requireNonNull(handler, "handler");
        Endpoint e = new Endpoint(endpoints.size(), name);
        endpoints.add(e);
        int n = endpoints.size();
        endpointById = Arrays.copyOf(endpointById, n);
        endpointById[n - 1] = e;
        handlers = Arrays.copyOf(handlers, n);
        handlers[n - 1] = handler;
        statuses = Arrays.copyOf(statuses, n);
        statuses[n - 1] = EndpointStatus.UP;
        Object[][] grown = new Object[n][n];
        for (int i = 0; i < n - 1; i++) {
            System.arraycopy(links[i], 0, grown[i], 0, n - 1);
        }
        links = grown;
        return e;
    }

    /** Replaces the endpoint's receiver (a restarted process has a new one). */
    public void setHandler(Endpoint e, MessageHandler<P> handler) {
        check("endpoint", e);
        handlers[e.id()] = Objects.requireNonNull(handler, "handler");
    }

    public List<Endpoint> endpoints() {
        return Collections.unmodifiableList(endpoints);
    }

    /** The endpoint called {@code name}; unknown names fail naming the field. */
    public Endpoint endpoint(String name) {
        for (Endpoint e : endpoints) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("endpoint: unknown endpoint '" + name + "', known: " + endpoints);
    }

    private void check(String field, Endpoint e) {
        if (e == null || e.id() < 0 || e.id() >= endpointById.length || !isRegistered(e)) {
            throw new IllegalArgumentException(field + ": unknown endpoint " + e + ", known: " + endpoints);
        }
    }

    /** Checked on every send: the instance handed out by {@link #addEndpoint} passes without equals. */
    private boolean isRegistered(Endpoint e) {
        Endpoint known = endpointById[e.id()];
        return known == e || known.equals(e);
    }

    @SuppressWarnings("unchecked")
    private LinkState<P> link(Endpoint from, Endpoint to) {
        Object l = links[from.id()][to.id()];
        if (l == null) {
            l = new LinkState<P>(from, to, defaultConfig);
            links[from.id()][to.id()] = l;
        }
        return (LinkState<P>) l;
    }

    /** Sets the behaviour of the directed link {@code from -> to}. */
    public void configure(Endpoint from, Endpoint to, LinkConfig config) {
        check("from", from);
        check("to", to);
        LinkState<P> l = link(from, to);
        if (l.config.mode() != config.mode()) {
            l.reset(); // a different kind of connection: what was in flight is gone
        }
        l.config = Objects.requireNonNull(config, "config");
    }

    /** Sets the behaviour of every link, in both directions, among the current endpoints. */
    public void configureAll(LinkConfig config) {
        for (Endpoint a : endpoints) {
            for (Endpoint b : endpoints) {
                configure(a, b, config);
            }
        }
    }

    public LinkConfig config(Endpoint from, Endpoint to) {
        check("from", from);
        check("to", to);
        return link(from, to).config;
    }

    /** Sends a message. Never blocks and never fails: loss is silent, as on a real network. */
    public void send(Endpoint from, Endpoint to, P payload, int sizeBytes, long digest) {
        check("from", from);
        check("to", to);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
        LinkState<P> l = link(from, to);
        l.sent++;
        l.bytesSent += sizeBytes;
        if (statuses[from.id()] == EndpointStatus.CRASHED || l.blocked) {
            l.dropped++;
            return;
        }
        LinkConfig c = l.config;
        Envelope<P> env = new Envelope<>(from, to, payload, sizeBytes, digest, sim.nowNs());
        if (c.dropProbability() > 0 && rnd.chance(c.dropProbability())) {
            if (c.mode() == LinkMode.STREAM) {
                l.reset(); // a broken TCP connection loses its whole unacknowledged tail
            }
            l.dropped++;
            return;
        }
        transmit(l, env);
        if (c.mode() == LinkMode.DATAGRAM && c.duplicateProbability() > 0 && rnd.chance(c.duplicateProbability())) {
            l.duplicated++;
            transmit(l, env);
        }
    }

    private void transmit(LinkState<P> l, Envelope<P> env) {
        LinkConfig c = l.config;
        long latency = c.latencyBaseNs();
        if (c.latencyJitterNs() > 0) {
            latency += rnd.nextLong(c.latencyJitterNs() + 1);
        }
        if (c.tailProbability() > 0 && rnd.chance(c.tailProbability()) && c.tailLatencyNs() > 0) {
            latency += rnd.nextLong(c.tailLatencyNs() + 1);
        }
        long at = Math.max(sim.nowNs() + latency, l.clogUntilNs);
        if (c.mode() == LinkMode.STREAM) {
            at = Math.max(at, l.lastDeliveryNs); // same time => insertion order => FIFO
            l.lastDeliveryNs = at;
        }
        sim.scheduleAt(at, new InFlight<>(this, l, env, l.epoch, traceDigest(env)));
    }

    private static long traceDigest(Envelope<?> env) {
        return StableHash.combine(StableHash.combine(env.from().id(), env.sizeBytes()), env.digest());
    }

    /** The copy {@code f} reaches the far end of {@code l} (its delivery event runs). */
    void arrive(LinkState<P> l, InFlight<P> f) {
        boolean stream = l.config.mode() == LinkMode.STREAM;
        if (stream && f.epoch() != l.epoch) {
            l.dropped++; // its connection was reset while it was in flight
            return;
        }
        if (l.blocked || statuses[l.to.id()] == EndpointStatus.CRASHED) {
            l.dropped++;
            return;
        }
        boolean clogged = sim.nowNs() < l.clogUntilNs;
        boolean paused = statuses[l.to.id()] == EndpointStatus.PAUSED;
        if (!stream) {
            if (paused) {
                l.dropped++;
            } else if (clogged) {
                // Clogged after it was sent: it waits for the clog to clear; datagrams need no order.
                sim.scheduleAt(l.clogUntilNs, f); // the same event again: its kind, node and digest
            } else {
                deliver(l, f.envelope());
            }
            return;
        }
        if (paused || clogged || !l.held.isEmpty()) {
            // Queue behind whatever already waits, so the connection stays FIFO.
            l.held.addLast(f);
            if (clogged) {
                scheduleDrain(l, l.clogUntilNs);
            }
            return;
        }
        deliver(l, f.envelope());
    }

    private void scheduleDrain(LinkState<P> l, long atNs) {
        if (!l.drainScheduled) {
            l.drainScheduled = true;
            sim.scheduleAt(atNs, RESUME, l.to.id(), l.held.size(), () -> drain(l));
        }
    }

    /** Delivers a STREAM link's waiting messages in order, as far as the receiver and clog allow. */
    private void drain(LinkState<P> l) {
        l.drainScheduled = false;
        while (!l.held.isEmpty()) {
            if (statuses[l.to.id()] != EndpointStatus.UP) {
                return; // resume() schedules the next drain
            }
            if (sim.nowNs() < l.clogUntilNs) {
                scheduleDrain(l, l.clogUntilNs);
                return;
            }
            InFlight<P> f = l.held.pollFirst();
            if (f.epoch() == l.epoch && !l.blocked) {
                deliver(l, f.envelope());
            } else {
                l.dropped++;
            }
        }
    }

    private void deliver(LinkState<P> l, Envelope<P> env) {
        l.delivered++;
        l.bytesDelivered += env.sizeBytes();
        @SuppressWarnings("unchecked")
        MessageHandler<P> handler = (MessageHandler<P>) handlers[l.to.id()];
        handler.onMessage(env);
    }

    // ---- process faults ------------------------------------------------------------------------

    public EndpointStatus status(Endpoint e) {
        check("endpoint", e);
        return statuses[e.id()];
    }

    /** The process died: its connections reset, messages to it are dropped until {@link #restart}. */
    public void crash(Endpoint e) {
        check("endpoint", e);
        statuses[e.id()] = EndpointStatus.CRASHED;
        resetConnectionsOf(e);
    }

    /** The process is back (with empty connections). */
    public void restart(Endpoint e) {
        check("endpoint", e);
        if (statuses[e.id()] != EndpointStatus.CRASHED) {
            throw new IllegalStateException("restart of " + e + " which is " + statuses[e.id()] + ", not CRASHED");
        }
        statuses[e.id()] = EndpointStatus.UP;
    }

    /** The process stops in the world: STREAM messages to it wait, DATAGRAM ones are dropped. */
    public void pause(Endpoint e) {
        check("endpoint", e);
        if (statuses[e.id()] == EndpointStatus.UP) {
            statuses[e.id()] = EndpointStatus.PAUSED;
        }
    }

    /** The paused process runs again; what waited for it is delivered in order, now. */
    public void resume(Endpoint e) {
        check("endpoint", e);
        if (statuses[e.id()] != EndpointStatus.PAUSED) {
            return;
        }
        statuses[e.id()] = EndpointStatus.UP;
        for (Endpoint from : endpoints) {
            LinkState<P> l = link(from, e);
            if (!l.held.isEmpty()) {
                scheduleDrain(l, sim.nowNs());
            }
        }
    }

    /** Breaks the connection between two endpoints (both directions), losing what is in flight. */
    public void reset(Endpoint a, Endpoint b) {
        check("a", a);
        check("b", b);
        link(a, b).reset();
        link(b, a).reset();
    }

    private void resetConnectionsOf(Endpoint e) {
        for (Endpoint other : endpoints) {
            link(e, other).reset();
            link(other, e).reset();
        }
    }

    // ---- partitions and clogging ---------------------------------------------------------------

    /** Replaces the current partition; newly blocked STREAM links lose what was in flight. */
    public void partition(Partition p) {
        for (Link k : p.blocked()) {
            check("partition " + p.name() + " from", k.from());
            check("partition " + p.name() + " to", k.to());
        }
        for (Endpoint a : endpoints) {
            for (Endpoint b : endpoints) {
                LinkState<P> l = link(a, b);
                boolean block = p.blocks(a, b);
                if (block && !l.blocked) {
                    l.reset();
                }
                l.blocked = block;
            }
        }
        partition = p;
    }

    public Partition currentPartition() {
        return partition;
    }

    /** Removes every partition and clog. */
    public void heal() {
        partition(Partitions.none());
        for (Endpoint a : endpoints) {
            for (Endpoint b : endpoints) {
                LinkState<P> l = link(a, b);
                l.clogUntilNs = 0;
                if (!l.held.isEmpty() && statuses[b.id()] == EndpointStatus.UP) {
                    l.drainScheduled = false; // the drain waiting for the old clog may run late; run one now
                    scheduleDrain(l, sim.nowNs());
                }
            }
        }
    }

    /**
     * Clogs the links of {@code shape}: their messages are delayed, not dropped, until virtual time
     * {@code untilNs} (FoundationDB's "clogging").
     */
    public void clog(Partition shape, long untilNs) {
        for (Link k : shape.blocked()) {
            check("clog from", k.from());
            check("clog to", k.to());
            LinkState<P> l = link(k.from(), k.to());
            l.clogUntilNs = Math.max(l.clogUntilNs, untilNs);
        }
    }

    // ---- counters ------------------------------------------------------------------------------

    public LinkCounters counters(Endpoint from, Endpoint to) {
        check("from", from);
        check("to", to);
        Object l = links[from.id()][to.id()];
        return l == null ? LinkCounters.ZERO : ((LinkState<?>) l).counters();
    }

    /** Sum over all links. */
    public LinkCounters totals() {
        LinkCounters sum = LinkCounters.ZERO;
        for (Object[] row : links) {
            for (Object l : row) {
                if (l != null) {
                    sum = sum.plus(((LinkState<?>) l).counters());
                }
            }
        }
        return sum;
    }
}
