package io.raftsim.harness.bench;

import io.raftsim.harness.run.Verdict;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One variant across all seeds: every run's metrics, the spread of each figure, and the verdicts. */
public record VariantResult(Variant variant, EngineKnobs knobs, List<RunMetrics> runs) {
    public VariantResult {
        runs = List.copyOf(runs);
    }

    public Map<String, Spread> spreads() {
        Map<String, Spread> out = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return out;
        }
        for (String name : runs.get(0).figures().keySet()) {
            double[] xs = runs.stream().mapToDouble(r -> r.figures().get(name)).toArray();
            out.put(name, Stats.spread(xs));
        }
        return out;
    }

    public long count(Verdict v) {
        return runs.stream().filter(r -> r.verdict() == v).count();
    }

    /**
     * Runs that lost safety: an online invariant, linearizability, or a crash of the code under
     * test. Such a variant is reported as unsafe, never as a faster row.
     */
    public List<RunMetrics> unsafeRuns() {
        return runs.stream()
                .filter(r -> r.verdict() == Verdict.INVALID
                        && r.failure() != null
                        && !r.failure().startsWith("liveness"))
                .toList();
    }

    public boolean unsafe() {
        return !unsafeRuns().isEmpty();
    }
}
