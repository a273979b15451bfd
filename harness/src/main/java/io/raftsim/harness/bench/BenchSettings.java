package io.raftsim.harness.bench;

import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.List;

/**
 * What every variant of one benchmark shares: the scenario, the seeds, the run shape, and the base
 * engine knobs the variants override.
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
        List<Variant> variants) {

    public BenchSettings {
        if (lastSeed < firstSeed || firstSeed < 0) {
            throw new IllegalArgumentException("bad seed range " + firstSeed + ".." + lastSeed);
        }
        if (timeMs < 5_000) {
            throw new IllegalArgumentException("a bench run needs at least 5 s of simulated time, got " + timeMs);
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
                .append(clients)
                .append(" --variant ")
                .append(v.name());
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
