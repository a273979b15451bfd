package io.raftsim.harness.bench;

import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault shapes {@code raftsim bench} compares variants under. Each is a fixed, seed-indexed
 * pattern (not the swarm), so that every variant meets the same faults at the same simulated
 * times; the node a fault targets is drawn from the seed. Network faults are plain schedule data;
 * leader kills and the slow disk need the run's live state and are acted by {@link ScenarioProbe}.
 */
public enum Scenario {
    /** No faults: the cost of the protocol itself. */
    STEADY("steady load, no faults"),
    /**
     * Whoever leads is killed every {@link BenchSettings#leaderKillEveryMs()} ({@link
     * #LEADER_KILL_EVERY_MS} unless {@code --kill-every} says otherwise), restarted a second later.
     */
    LEADER_KILL("the leader is killed every --kill-every (default 3 s) and restarted 1 s later"),
    /**
     * One node can send but not receive (every link into it is cut, none out of it) for the whole
     * fault phase: the shape of the November 2020 Cloudflare etcd outage, where a node that could
     * not hear the leader kept campaigning and each higher-term RequestVote deposed a healthy leader.
     */
    ONE_WAY_LINK("one node hears nobody but is heard by all (Cloudflare 2020 etcd outage shape)"),
    /** A rotating node is isolated for 500 ms out of every second. */
    FLAPPING("a rotating node isolated 500 ms of every 1000 ms"),
    /** One follower's fsyncs take {@link #SLOW_FSYNC_MS} for the whole fault phase. */
    SLOW_DISK("one follower's fsync takes 150 ms (machines' own disks: 1-30 ms)"),
    /** One node isolated for {@link #ISOLATION_MS}, then healed: PreVote's textbook case (§9.6). */
    ISOLATION("one node isolated for 4 s, then rejoins");

    // The descriptions above repeat these values: an enum constant cannot refer to them.
    public static final long LEADER_KILL_EVERY_MS = 3_000;
    public static final long LEADER_RESTART_AFTER_MS = 1_000;
    public static final long SLOW_FSYNC_MS = 150;
    public static final long ISOLATION_MS = 4_000;
    /** Faults start after the first election has settled. */
    public static final long FAULT_START_MS = 1_500;

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String text) {
        for (Scenario s : values()) {
            if (s.cliName().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        if (text.trim().equalsIgnoreCase("one-way")) {
            return ONE_WAY_LINK;
        }
        StringBuilder known = new StringBuilder();
        for (Scenario s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.cliName());
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "', known: " + known);
    }

    /** The node a seed's faults target: the same for every variant on that seed. */
    static int target(long seed, int nodes) {
        return (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 7, (long) nodes);
    }

    /** The schedule data of this scenario for one seed; faults end by {@code healAtMs}. */
    public List<FaultEvent> events(long seed, int nodes, long healAtMs) {
        List<FaultEvent> out = new ArrayList<>();
        int x = target(seed, nodes);
        long phase = Math.max(0, healAtMs - FAULT_START_MS);
        switch (this) {
            case ONE_WAY_LINK -> {
                for (int j = 0; j < nodes; j++) {
                    if (j != x) {
                        out.add(new FaultEvent(FAULT_START_MS, phase, new Faults.OneWay(j, x)));
                    }
                }
            }
            case FLAPPING -> {
                int i = 0;
                for (long t = FAULT_START_MS; t + 500 <= healAtMs; t += 1_000, i++) {
                    out.add(new FaultEvent(t, 500, new Faults.Isolate((x + i) % nodes)));
                }
            }
            case ISOLATION ->
                out.add(new FaultEvent(FAULT_START_MS, Math.min(ISOLATION_MS, phase), new Faults.Isolate(x)));
            case STEADY, LEADER_KILL, SLOW_DISK -> {
                // acted by ScenarioProbe (leader kill, slow disk) or no faults at all (steady)
            }
        }
        return out;
    }
}
