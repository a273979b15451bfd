package io.raftsim.harness.cli;

import io.raftsim.harness.bench.BenchReport;
import io.raftsim.harness.bench.BenchResult;
import io.raftsim.harness.bench.BenchRunner;
import io.raftsim.harness.bench.BenchSettings;
import io.raftsim.harness.bench.Scenario;
import io.raftsim.harness.bench.Variant;
import io.raftsim.harness.bench.VariantResult;
import io.raftsim.harness.report.AtomicFiles;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftsim bench}: protocol variants compared on identical seeds (issue 8). Exit code 1 when
 * a variant lost safety on some seed, so that CI notices an unsafe configuration.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Compare protocol variants on the same seeds, workload and faults.")
public final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--variant",
            required = true,
            description = "name=opt=value,... (preVote, checkQuorum, stickiness, electionTimeoutMs,"
                    + " heartbeatIntervalMs, batch, pipeline, fsync=batched|per-entry, readMode=log|read-index|lease,"
                    + " snapshotEvery); repeat for each variant")
    List<String> variants = new ArrayList<>();

    @Option(names = "--seeds", required = true, description = "seed range A..B")
    String seeds;

    @Option(
            names = "--scenario",
            defaultValue = "steady",
            description =
                    "steady, leader-kill, one-way-link, flapping, slow-disk, isolation (default ${DEFAULT-VALUE})")
    String scenario;

    @Option(
            names = "--kill-every",
            defaultValue = "3s",
            description = "leader-kill scenario: kill the leader this often (default ${DEFAULT-VALUE})")
    String killEvery;

    @Option(names = "--nodes", defaultValue = "5")
    int nodes;

    @Option(names = "--time", defaultValue = "12s", description = "simulated time per run")
    String time;

    @Option(names = "--ops", defaultValue = "3000", description = "ops per run")
    int ops;

    @Option(names = "--clients", defaultValue = "8")
    int clients;

    @Option(names = "--jobs", defaultValue = "1", description = "runs in parallel (each single-threaded)")
    int jobs;

    @Option(names = "--out", defaultValue = "bench-out", description = "directory for bench.json and bench.html")
    Path out;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds);
        List<Variant> vs = new ArrayList<>();
        for (String v : variants) {
            vs.add(Variant.parse(v));
        }
        BenchSettings s = new BenchSettings(
                Scenario.parse(scenario),
                range.first(),
                range.last(),
                nodes,
                RunConfig.parseDurationMs(time),
                ops,
                clients,
                EngineKnobs.DEFAULTS,
                vs,
                RunConfig.parseDurationMs(killEvery));
        System.out.println("raftsim bench: " + vs.size() + " variants x " + s.seedCount() + " seeds, scenario "
                + s.scenario().cliName());
        BenchResult r = BenchRunner.run(s, jobs, line -> {
            synchronized (System.out) {
                System.out.println("  " + line);
            }
        });
        System.out.println();
        System.out.print(BenchReport.text(r));
        AtomicFiles.write(out.resolve("bench.json"), BenchReport.json(r));
        AtomicFiles.write(out.resolve("bench.html"), BenchReport.html(r));
        System.out.println("  output: " + out.resolve("bench.json") + ", " + out.resolve("bench.html"));
        boolean unsafe = r.variants().stream().anyMatch(VariantResult::unsafe);
        return unsafe ? RaftsimCli.EXIT_VIOLATION : RaftsimCli.EXIT_VALID;
    }
}
