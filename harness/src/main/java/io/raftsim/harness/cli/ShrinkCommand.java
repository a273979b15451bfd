package io.raftsim.harness.cli;

import io.raftsim.harness.jdk.JdkWallBudget;
import io.raftsim.harness.report.SummaryCodec;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.shrink.Candidate;
import io.raftsim.harness.shrink.CandidateRunner;
import io.raftsim.harness.shrink.ShrinkOutput;
import io.raftsim.harness.shrink.ShrinkResult;
import io.raftsim.harness.shrink.Shrinker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code raftsim shrink --seed N}: from a failing run's schedule and op list (recorded in {@code
 * --from DIR}, or drawn from the seed and options), searches for a smaller input that fails the
 * same way, and writes the minimal run with the command that replays it.
 */
@Command(
        name = "shrink",
        mixinStandardHelpOptions = true,
        description = "Shrink a failing seed to a minimal fault schedule and op list.")
final class ShrinkCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "The failing seed (>= 0).")
    long seed;

    @Option(
            names = "--from",
            description = "A recorded run's directory (e.g. runs/<seed>/): shrink exactly that run's input.")
    Path from;

    @Option(
            names = "--budget",
            defaultValue = "10m",
            description =
                    "Wall time to spend; then the smallest input found so far is kept. Default: ${DEFAULT-VALUE}.")
    String budget;

    @Option(names = "--out", description = "Where the minimal run goes. Default: runs/<seed>-shrunk/.")
    Path out;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        PrintStream o = System.out;
        Duration limit;
        try {
            limit = Duration.ofMillis(RunConfig.parseDurationMs(budget));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--budget: " + e.getMessage());
        }
        if (limit.isZero() || limit.isNegative()) {
            throw new UsageException("--budget must be > 0, got " + budget);
        }
        Candidate start = from != null ? recorded(from) : drawn();
        JdkWallBudget wall = new JdkWallBudget(limit);
        Shrinker shrinker =
                new Shrinker(CandidateRunner.simulation(Duration.ofSeconds(20)), wall, o::println, wall::elapsedMs);
        ShrinkResult r;
        try {
            r = shrinker.shrink(start);
        } catch (IllegalArgumentException e) {
            o.println("shrink: " + e.getMessage() + "; nothing to shrink");
            o.println("  repro: " + start.config().reproCommand());
            return RaftsimCli.EXIT_USAGE;
        }
        Path dir = out != null ? out : Path.of("runs", seed + "-shrunk");
        ShrinkOutput.write(dir, r);
        o.println(r.line());
        o.println("  failure: " + r.signature() + " (" + r.runs() + " runs"
                + (r.exhausted() ? ", budget spent: smallest found so far" : ", 1-minimal per pass") + ")");
        o.println("  minimal: " + r.minimal().describe());
        o.println("  output: " + dir + " (schedule.json, ops.json, history.json, report.html)");
        o.println("  repro: " + ShrinkOutput.reproCommand(r.minimal().config(), dir));
        return RaftsimCli.EXIT_VIOLATION;
    }

    private Candidate drawn() {
        RunConfig cfg = options.toConfig(seed);
        return new Candidate(cfg, RunInput.draw(cfg));
    }

    private Candidate recorded(Path dir) {
        RunSummary recorded = SummaryCodec.fromJson(read(dir.resolve("summary.json")));
        if (recorded.seed() != seed) {
            throw new UsageException(dir + " holds seed " + recorded.seed() + ", not " + seed);
        }
        RunConfig cfg = ReplayCommand.configFromRepro(recorded.repro());
        RunInput drawn = RunInput.draw(cfg);
        Path opsFile = dir.resolve("ops.json");
        RunInput input = new RunInput(
                RunCommand.readSchedule(dir.resolve("schedule.json"), cfg),
                Files.isRegularFile(opsFile) ? RunCommand.readOps(opsFile) : drawn.ops());
        return new Candidate(cfg, input);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + f + ": " + e.getMessage());
        }
    }
}
