package io.raftsim.harness.bench;

import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.List;

/**
 * What every variant of one benchmark shares: the scenario, the seeds, the run shape, and the base
 * engine knobs the variants override.
 *
 * @param leaderKillEveryMs the {@code leader-kill} scenario's period (a killed leader restarts
 *     {@link Scenario#LEADER_RESTART_AFTER_MS} later, so at most one node is down at a time)
 */
public record BenchSettings(
        Scenario scenario,
        long firstSeed,
        long lastSeed,
        int nodes,
        long timeMs,
        int ops,
        int clients,
        EngineKnobs baseKnobs,
        List<Variant> variants,
        long leaderKillEveryMs) {

    public BenchSettings {
        if (lastSeed < firstSeed || firstSeed < 0) {
            throw new IllegalArgumentException("bad seed range " + firstSeed + ".." + lastSeed);
        }
        if (timeMs < 5_000) {
            throw new IllegalArgumentException("a bench run needs at least 5 s of simulated time, got " + timeMs);
        }
        if (leaderKillEveryMs <= Scenario.LEADER_RESTART_AFTER_MS) {
            throw new IllegalArgumentException("a leader kill every " + leaderKillEveryMs
                    + " ms would overlap the previous one's restart " + Scenario.LEADER_RESTART_AFTER_MS
                    + " ms later: choose more than that");
        }
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("bench needs at least one --variant");
        }
        for (int i = 0; i < variants.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (variants.get(i).name().equals(variants.get(j).name())) {
                    throw new IllegalArgumentException(
                            "two variants are named " + variants.get(i).name());
                }
            }
        }
    }

    /** With the default leader-kill period, {@link Scenario#LEADER_KILL_EVERY_MS}. */
    public BenchSettings(
            Scenario scenario,
            long firstSeed,
            long lastSeed,
            int nodes,
            long timeMs,
            int ops,
            int clients,
            EngineKnobs baseKnobs,
            List<Variant> variants) {
        this(
                scenario,
                firstSeed,
                lastSeed,
                nodes,
                timeMs,
                ops,
                clients,
                baseKnobs,
                variants,
                Scenario.LEADER_KILL_EVERY_MS);
    }

    public long seedCount() {
        return lastSeed - firstSeed + 1;
    }

    /** The command that re-runs one seed of one variant (its report names the seed). */
    public String repro(Variant v, long seed) {
        StringBuilder sb = new StringBuilder("./raftsim bench --scenario ")
                .append(scenario.cliName())
                .append(" --seeds ")
                .append(seed)
                .append("..")
                .append(seed)
                .append(" --nodes ")
                .append(nodes)
                .append(" --time ")
                .append(timeMs)
                .append("ms --ops ")
                .append(ops)
                .append(" --clients ")
                .append(clients);
        if (scenario == Scenario.LEADER_KILL && leaderKillEveryMs != Scenario.LEADER_KILL_EVERY_MS) {
            sb.append(" --kill-every ").append(leaderKillEveryMs).append("ms");
        }
        sb.append(" --variant ").append(v.name());
        if (!v.options().isEmpty()) {
            sb.append('=');
            boolean first = true;
            for (var e : new java.util.TreeMap<>(v.options()).entrySet()) {
                sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
        }
        return sb.toString();
    }
}
