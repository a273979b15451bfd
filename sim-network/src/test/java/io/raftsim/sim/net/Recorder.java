package io.raftsim.sim.net;

import io.raftsim.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/** A test network of string payloads whose endpoints record what they receive, and when. */
final class Recorder {
    final Simulation sim;
    final SimNetwork<String> net;
    final List<String> log = new ArrayList<>();
    final Endpoint a;
    final Endpoint b;
    final Endpoint c;

    Recorder(long seed, LinkConfig config) {
        sim = new Simulation(seed);
        net = new SimNetwork<>(sim, config);
        a = net.addEndpoint("a", this::record);
        b = net.addEndpoint("b", this::record);
        c = net.addEndpoint("c", this::record);
    }

    private void record(Envelope<String> e) {
        log.add(e.from().name() + ">" + e.to().name() + ":" + e.payload());
    }

    void send(Endpoint from, Endpoint to, String payload) {
        net.send(from, to, payload, payload.length(), payload.hashCode());
    }

    /** Payloads received, in arrival order. */
    List<String> received() {
        List<String> out = new ArrayList<>();
        for (String s : log) {
            out.add(s.substring(s.indexOf(':') + 1));
        }
        return out;
    }

    void runAll() {
        sim.runUntil(Long.MAX_VALUE);
    }
}
