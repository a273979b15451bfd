package io.raftsim.sim.disk;

import io.raftsim.sim.LocalTimer;
import io.raftsim.sim.NodeClock;
import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.Partition;
import io.raftsim.sim.net.Partitions;
import io.raftsim.sim.net.SimNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded world with everything switched on: five nodes on drifting clocks gossip over a network
 * with partitions, loss, duplication and clogging, and log what they hear to disks that fail
 * fsyncs, tear writes and crash. Its trace hash must be a pure function of the seed. {@link #main}
 * lets a fresh JVM compute it.
 */
final class WorldScenario {
    private static final long MS = 1_000_000L;
    private static final int NODES = 5;

    private final Simulation sim;
    private final SimNetwork<Long> net;
    private final List<Node> nodes = new ArrayList<>();
    private final RandomStream nemesis;

    private final class Node {
        final int id;
        final NodeClock clock;
        final SimDisk disk;
        Endpoint endpoint;
        SimFile log;
        LocalTimer heartbeat;
        long counter;
        boolean up = true;

        Node(int id) {
            this.id = id;
            RandomStream r = sim.random("world/node-" + id);
            this.clock = new NodeClock(sim, id, (r.nextDouble() - 0.5) * 2e-3, r.nextLong(50 * MS));
            this.disk = new SimDisk(sim, id, "n" + id, DiskConfig.defaults());
            disk.faults().fsyncErrorProbability(0.02).tornCrashProbability(0.5);
        }

        void start() {
            disk.mkdirs("raft");
            log = disk.open("raft/log", true);
            disk.syncDirectory("raft", e -> {});
            disk.syncDirectory("", e -> {});
            scheduleHeartbeat();
        }

        void scheduleHeartbeat() {
            heartbeat = clock.schedule(10 * MS, "heartbeat", counter, () -> {
                Node peer = nodes.get((int) ((id + 1 + counter) % NODES));
                counter++;
                net.send(endpoint, peer.endpoint, counter, 64, StableHash.combine(id, counter));
                append(counter);
                scheduleHeartbeat();
            });
        }

        void receive(long value) {
            if (up) {
                append(value);
            }
        }

        void append(long value) {
            byte[] rec = Long.toString(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                log.write(log.size(), rec, 0, rec.length);
                log.fsync(e -> {
                    if (e != null) {
                        crash(); // never retry a failed fsync: stop, restart from disk
                    }
                });
            } catch (DiskException e) {
                crash();
            }
        }

        void crash() {
            if (!up) {
                return;
            }
            up = false;
            heartbeat.cancel();
            net.crash(endpoint);
            disk.crash();
            sim.schedule(50 * MS, "restart", id, 0, this::restart);
        }

        void restart() {
            up = true;
            net.restart(endpoint);
            start();
        }
    }

    WorldScenario(long seed) {
        sim = new Simulation(seed);
        net = new SimNetwork<>(sim, LinkConfig.stream(MS, 2 * MS).withTail(0.01, 50 * MS));
        nemesis = sim.random("world/nemesis");
        for (int i = 0; i < NODES; i++) {
            Node n = new Node(i);
            n.endpoint = net.addEndpoint("n" + i, env -> n.receive(env.payload()));
            nodes.add(n);
        }
        net.configure(
                nodes.get(0).endpoint,
                nodes.get(1).endpoint,
                LinkConfig.datagram(MS, 5 * MS).withDrop(0.1).withDuplicate(0.1));
        for (Node n : nodes) {
            n.start();
        }
        for (long t = 100 * MS; t < 2_000 * MS; t += 100 * MS) {
            sim.scheduleAt(t, "nemesis", Simulation.NO_NODE, t, this::fault);
        }
    }

    private void fault() {
        List<Endpoint> eps = net.endpoints();
        Node victim = nodes.get(nemesis.nextInt(NODES));
        switch (nemesis.nextInt(7)) {
            case 0 -> net.partition(Partitions.isolate(victim.endpoint, eps));
            case 1 -> net.partition(Partitions.ring(eps));
            case 2 -> {
                Partition p = Partitions.oneWay(victim.endpoint, nodes.get((victim.id + 1) % NODES).endpoint);
                net.partition(p.union(Partitions.bridge(eps)));
            }
            case 3 -> net.clog(Partitions.isolate(victim.endpoint, eps), sim.nowNs() + 30 * MS);
            case 4 -> victim.crash();
            case 5 -> victim.clock.setDrift((nemesis.nextDouble() - 0.5) * 0.2);
            default -> {
                victim.clock.addOffset(nemesis.nextLong(20 * MS));
                net.heal();
            }
        }
    }

    /** Runs the scenario and returns "traceHash events fsyncs crashes delivered". */
    String run() {
        sim.runUntil(2_500 * MS);
        long fsyncs = 0;
        long crashes = 0;
        for (Node n : nodes) {
            fsyncs += n.disk.counters().fsyncs();
            crashes += n.disk.counters().crashes();
        }
        return sim.traceHash().hex() + " events=" + sim.executedEvents() + " fsyncs=" + fsyncs + " crashes=" + crashes
                + " delivered=" + net.totals().delivered();
    }

    public static void main(String[] args) {
        System.out.println(new WorldScenario(Long.parseLong(args[0])).run());
    }
}
