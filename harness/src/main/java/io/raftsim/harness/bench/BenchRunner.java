package io.raftsim.harness.bench;

import io.raftsim.harness.jdk.JdkParallelSeeds;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.Workload;
import io.raftsim.workload.nemesis.EngineKnobs;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.nemesis.NemesisConfig;
import io.raftsim.workload.nemesis.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs every variant on the same seeds: for a seed, every variant gets the same op list and the
 * same fault events at the same simulated times; only the engine knobs differ. Each run is one
 * deterministic simulation, so a figure is reproducible from (variant, seed).
 */
public final class BenchRunner {
    /** Linearizability check budget per run: a run that needs more is reported unknown. */
    public static final Duration CHECK_BUDGET = Duration.ofSeconds(20);

    private BenchRunner() {}

    public static BenchResult run(BenchSettings s, int jobs, Consumer<String> progress) {
        int nv = s.variants().size();
        int ns = (int) s.seedCount();
        RunMetrics[] cells = new RunMetrics[nv * ns];
        List<Long> tasks = new ArrayList<>();
        for (long t = 0; t < (long) nv * ns; t++) {
            tasks.add(t);
        }
        JdkParallelSeeds.run(tasks, jobs, new AtomicBoolean(), task -> {
            int v = (int) (task / ns);
            long seed = s.firstSeed() + task % ns;
            RunMetrics m = runOne(s, s.variants().get(v), seed);
            cells[(int) (long) task] = m;
            progress.accept(s.variants().get(v).name() + " seed " + seed + ": "
                    + m.verdict().jsonName() + (m.failure() == null ? "" : " (" + m.failure() + ")"));
        });
        List<VariantResult> results = new ArrayList<>();
        for (int v = 0; v < nv; v++) {
            List<RunMetrics> runs = new ArrayList<>();
            for (int i = 0; i < ns; i++) {
                runs.add(cells[v * ns + i]);
            }
            Variant var = s.variants().get(v);
            results.add(new VariantResult(var, var.knobs(s.baseKnobs()), runs));
        }
        return new BenchResult(s, results);
    }

    /** One seed of one variant. */
    public static RunMetrics runOne(BenchSettings s, Variant v, long seed) {
        RunConfig cfg = new RunConfig(
                seed,
                s.nodes(),
                Workload.KV,
                s.ops(),
                s.timeMs(),
                NemesisSpec.parse("none"),
                v.readMode(),
                s.clients(),
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        long quiet = NemesisConfig.defaultQuietMs(s.timeMs());
        long heal = s.timeMs() - quiet;
        List<FaultEvent> events = s.scenario().events(seed, s.nodes(), heal);
        Set<FaultKind> kinds = new LinkedHashSet<>();
        events.forEach(e -> kinds.add(e.fault().kind()));
        EngineKnobs knobs = v.knobs(s.baseKnobs());
        Schedule schedule = new Schedule(s.nodes(), List.copyOf(kinds), knobs, events, heal, quiet);
        RunInput input = new RunInput(schedule, RunInput.draw(cfg).ops());
        ScenarioProbe probe = new ScenarioProbe(s.scenario(), seed, heal, v.tuning(), s.leaderKillEveryMs());
        RunOutcome o = RunDriver.run(cfg, input, CHECK_BUDGET, Long.MAX_VALUE, (simMs, eventCount) -> {}, probe);
        return RunMetrics.of(o, probe, s.repro(v, seed));
    }
}
