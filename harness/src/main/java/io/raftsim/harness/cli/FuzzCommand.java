package io.raftsim.harness.cli;

import io.raftsim.sim.LocalTimer;
import io.raftsim.sim.NodeClock;
import io.raftsim.sim.RandomStream;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.sim.disk.DiskConfig;
import io.raftsim.sim.disk.DiskException;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.disk.SimFile;
import io.raftsim.sim.net.Endpoint;
import io.raftsim.sim.net.LinkConfig;
import io.raftsim.sim.net.LinkCounters;
import io.raftsim.sim.net.Partitions;
import io.raftsim.sim.net.SimNetwork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftsim fuzz --seeds A..B}: a seeded campaign. Until the Raft harness lands, every seed
 * runs the simulated world's own demo scenario ({@link WorldDemo}) and prints its trace hash.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, description = "Run a seeded fuzz campaign over a seed range.")
final class FuzzCommand implements Callable<Integer> {
    @Option(
            names = "--seeds",
            defaultValue = "0..199",
            description = "Seed range A..B (inclusive). Default: ${DEFAULT-VALUE}.")
    String seeds;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds);
        System.out.println("raftsim fuzz: " + range.count() + " seeds " + range.first() + ".." + range.last());
        System.out.println("The Raft harness is not there yet: each seed runs the simulated world's demo scenario"
                + " (5 nodes, drifting clocks, partitions, loss, fsync errors, torn crashes).");
        long events = 0;
        long delivered = 0;
        long dropped = 0;
        long fsyncs = 0;
        long crashes = 0;
        for (long seed = range.first(); seed <= range.last(); seed++) {
            WorldDemo.Result r = new WorldDemo(seed).run();
            System.out.println("seed " + seed + " trace " + r.traceHash() + " events=" + r.events() + " delivered="
                    + r.net().delivered() + " dropped=" + r.net().dropped() + " fsyncs=" + r.fsyncs() + " crashes="
                    + r.crashes());
            events += r.events();
            delivered += r.net().delivered();
            dropped += r.net().dropped();
            fsyncs += r.fsyncs();
            crashes += r.crashes();
        }
        System.out.println("summary: " + range.count() + " seeds, " + events + " events, " + delivered
                + " messages delivered, " + dropped + " dropped, " + fsyncs + " fsyncs, " + crashes + " crashes");
        System.out.println("No Raft properties were checked: the Raft harness is not there yet."
                + " Replay any seed with: ./raftsim fuzz --seeds N");
        return RaftsimCli.EXIT_VALID;
    }

    /**
     * The pre-harness demo: five nodes on drifting clocks gossip counters over the simulated network
     * and append what they see to a log on their simulated disk, fsyncing each record; a nemesis
     * partitions, clogs, crashes and skews clocks every 100 ms of virtual time. A failed fsync or a
     * full disk stops the node (never retry an fsync) and it restarts from what was durable.
     */
    static final class WorldDemo {
        private static final long MS = 1_000_000L;
        private static final int NODES = 5;

        record Result(String traceHash, long events, LinkCounters net, long fsyncs, long crashes) {}

        private final Simulation sim;
        private final SimNetwork<Long> net;
        private final RandomStream nemesis;
        private final List<Node> nodes = new ArrayList<>();

        WorldDemo(long seed) {
            sim = new Simulation(seed);
            net = new SimNetwork<>(sim, LinkConfig.stream(MS, 2 * MS).withTail(0.01, 40 * MS));
            nemesis = sim.random("demo/nemesis");
            for (int i = 0; i < NODES; i++) {
                nodes.add(new Node(i));
            }
            // One lossy, duplicating UDP-like link, to show datagram semantics too.
            net.configure(
                    nodes.get(0).endpoint,
                    nodes.get(1).endpoint,
                    LinkConfig.datagram(MS, 5 * MS).withDrop(0.1).withDuplicate(0.1));
            for (Node n : nodes) {
                n.start();
            }
            for (long t = 100 * MS; t < 1_500 * MS; t += 100 * MS) {
                sim.scheduleAt(t, "nemesis", Simulation.NO_NODE, t, this::fault);
            }
        }

        Result run() {
            sim.runUntil(2_000 * MS);
            long fsyncs = 0;
            long crashes = 0;
            for (Node n : nodes) {
                fsyncs += n.disk.counters().fsyncs();
                crashes += n.disk.counters().crashes();
            }
            return new Result(sim.traceHash().hex(), sim.executedEvents(), net.totals(), fsyncs, crashes);
        }

        private void fault() {
            List<Endpoint> all = net.endpoints();
            Node victim = nodes.get(nemesis.nextInt(NODES));
            switch (nemesis.nextInt(6)) {
                case 0 -> net.partition(Partitions.isolate(victim.endpoint, all));
                case 1 -> net.partition(Partitions.majorityMinority(all, List.of(victim.endpoint)));
                case 2 ->
                    net.partition(Partitions.oneWay(victim.endpoint, nodes.get((victim.id + 1) % NODES).endpoint));
                case 3 -> net.clog(Partitions.isolate(victim.endpoint, all), sim.nowNs() + 30 * MS);
                case 4 -> victim.crash();
                default -> {
                    victim.clock.setDrift((nemesis.nextDouble() - 0.5) * 0.1);
                    net.heal();
                }
            }
        }

        private final class Node {
            final int id;
            final NodeClock clock;
            final SimDisk disk;
            final Endpoint endpoint;
            SimFile log;
            LocalTimer heartbeat;
            long counter;
            boolean up = true;

            Node(int id) {
                this.id = id;
                RandomStream r = sim.random("demo/node-" + id);
                clock = new NodeClock(sim, id, (r.nextDouble() - 0.5) * 1e-3, r.nextLong(50 * MS));
                disk = new SimDisk(sim, id, "n" + id, DiskConfig.defaults());
                disk.faults().fsyncErrorProbability(0.01).tornCrashProbability(0.5);
                endpoint = net.addEndpoint("n" + id, env -> {
                    if (up) {
                        append(env.payload());
                    }
                });
            }

            void start() {
                disk.mkdirs("raft");
                log = disk.open("raft/log", true);
                disk.syncDirectory("raft", e -> {});
                disk.syncDirectory("", e -> {});
                beat();
            }

            void beat() {
                heartbeat = clock.schedule(10 * MS, "heartbeat", counter, () -> {
                    counter++;
                    Node peer = nodes.get((int) ((id + counter) % NODES));
                    if (peer != this) {
                        net.send(endpoint, peer.endpoint, counter, 64, StableHash.combine(id, counter));
                    }
                    append(counter);
                    beat();
                });
            }

            void append(long value) {
                byte[] rec = (value + "\n").getBytes(StandardCharsets.UTF_8);
                try {
                    log.write(log.size(), rec, 0, rec.length);
                    log.fsync(e -> {
                        if (e != null) {
                            crash();
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
                sim.schedule(50 * MS, "restart", id, 0, () -> {
                    up = true;
                    net.restart(endpoint);
                    start();
                });
            }
        }
    }
}
