package io.raftsim.harness.cli;

import io.raftsim.harness.campaign.Campaign;
import io.raftsim.harness.campaign.CampaignReport;
import io.raftsim.harness.campaign.CampaignResult;
import io.raftsim.harness.campaign.SeedRunner;
import io.raftsim.harness.campaign.Shard;
import io.raftsim.harness.determinism.DeterminismCheck;
import io.raftsim.harness.determinism.DeterminismReport;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.SimSeedRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code raftsim fuzz --seeds A..B}: a seeded campaign. Seeds run in parallel ({@code --jobs}), each
 * simulation on one thread; the verdict is the worst seed's (exit 1 if any seed violated a property).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, description = "Run a seeded fuzz campaign over a seed range.")
final class FuzzCommand implements Callable<Integer> {
    @Option(
            names = "--seeds",
            defaultValue = "0..199",
            description = "Seed range A..B (inclusive). Default: ${DEFAULT-VALUE}.")
    String seeds;

    @Option(names = "--jobs", description = "Seeds run in parallel. Default: the number of cores.")
    Integer jobs;

    @Option(
            names = "--shard",
            defaultValue = "0/1",
            description = "Run only seeds with seed %% n == i (i/n, 0-based). Default: ${DEFAULT-VALUE}.")
    String shard;

    @Option(names = "--stop-on-failure", description = "Stop handing out seeds after the first failure.")
    boolean stopOnFailure;

    @Option(
            names = "--out",
            description =
                    "Campaign directory: campaign.json, junit.xml, seeds/<seed>/ (full output for failing seeds). Default: runs/fuzz-A-B/.")
    Path out;

    @Option(
            names = "--resume",
            description = "Skip seeds whose summary.json the (interrupted) campaign in --out already wrote.")
    boolean resume;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(
            names = "--check-determinism",
            paramLabel = "P",
            description =
                    "Re-run a fraction P (0..1) of the seeds, chosen by seed, and fail on any trace-hash difference, naming the first divergent event.")
    Double checkDeterminism;

    @Mixin
    RunOptions options;

    private SeedRunner runner() {
        if (checkDeterminism == null) {
            return new SimSeedRunner();
        }
        try {
            return new DeterminismCheck(checkDeterminism);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public Integer call() {
        io.raftsim.harness.jdk.JdkQuietEngineLogs.install();
        SeedRange range = SeedRange.parse(seeds);
        Shard sh;
        try {
            sh = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1) {
            throw new UsageException("--jobs must be >= 1, got " + j);
        }
        RunConfig template = options.toConfig(range.first());
        Path dir = out != null ? out : Path.of("runs", "fuzz-" + range.first() + "-" + range.last());
        System.out.println("raftsim fuzz: seeds " + range.first() + ".." + range.last() + " (shard " + sh + "), " + j
                + " jobs, " + template.reproCommand().replace("./raftsim run --seed " + range.first(), "run"));
        if (RunOptions.heldBackNote(template) != null) {
            System.out.println(RunOptions.heldBackNote(template));
        }
        CampaignResult r = Campaign.run(
                new Campaign.Options(range.first(), range.last(), j, sh, stopOnFailure, dir, resume, quiet),
                template,
                runner(),
                System.out);
        System.out.print(CampaignReport.table(r));
        if (checkDeterminism != null) {
            System.out.println(DeterminismReport.line(r, checkDeterminism));
        }
        System.out.println(
                "verdict: " + r.verdict().jsonName() + (r.stoppedEarly() ? " (stopped at the first failure)" : "")
                        + "; campaign.json and junit.xml in " + dir);
        return r.verdict().exitCode();
    }
}
