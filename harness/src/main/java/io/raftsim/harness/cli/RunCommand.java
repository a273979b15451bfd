package io.raftsim.harness.cli;

import io.raftsim.harness.report.RunOutput;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.harness.shrink.OpsCodec;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.Schedule;
import io.raftsim.workload.nemesis.ScheduleCodec;
import io.raftsim.workload.ops.OpSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code raftsim run --seed N}: one deterministic run, its files, and its verdict. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one seed and judge it.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "The seed (>= 0).")
    long seed;

    @Mixin
    RunOptions options;

    @Option(names = "--out", description = "Output directory. Default: runs/<seed>/.")
    Path out;

    @Option(names = "--schedule", description = "Play this schedule.json instead of drawing one from the seed.")
    Path scheduleFile;

    @Option(
            names = "--ops-file",
            description = "Play this op list (ops.json, e.g. from shrink) instead of drawing one from the seed.")
    Path opsFile;

    @Override
    public Integer call() {
        RunConfig cfg = options.toConfig(seed);
        RunInput input = RunInput.draw(cfg);
        if (scheduleFile != null) {
            input = new RunInput(readSchedule(scheduleFile, cfg), input.ops());
        }
        if (opsFile != null) {
            input = new RunInput(input.schedule(), readOps(opsFile));
        }
        PrintStream o = System.out;
        printParameters(o, cfg, input);
        long[] nextReportMs = {10_000};
        RunOutcome outcome = RunDriver.run(cfg, input, Duration.ofSeconds(60), Long.MAX_VALUE, (simMs, events) -> {
                    if (simMs >= nextReportMs[0]) {
                        o.println("  ... " + simMs / 1000 + " s simulated, " + events + " events");
                        nextReportMs[0] = (simMs / 10_000 + 1) * 10_000;
                    }
                })
                // The input files are part of the run: without them the repro would draw another one.
                .withRepro(cfg.reproCommand(scheduleFile, opsFile));
        Path dir = out != null ? out : Path.of("runs", Long.toString(seed));
        RunOutput.write(dir, outcome);
        printVerdict(o, outcome.summary(), dir);
        return outcome.summary().verdict().exitCode();
    }

    static Schedule readSchedule(Path file, RunConfig cfg) {
        try {
            Schedule s = ScheduleCodec.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            if (s.clusterSize() != cfg.nodes()) {
                throw new UsageException(file + " is a schedule for " + s.clusterSize() + " nodes, the run has "
                        + cfg.nodes() + " (--nodes)");
            }
            if (s.endMs() != cfg.timeMs()) {
                throw new UsageException(
                        file + " ends at " + s.endMs() + " ms, the run lasts " + cfg.timeMs() + " ms (--time)");
            }
            return s;
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    static List<OpSpec> readOps(Path file) {
        try {
            return OpsCodec.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    static void printParameters(PrintStream o, RunConfig cfg, RunInput input) {
        Schedule s = input.schedule();
        o.println("raftsim run: seed " + cfg.seed());
        o.println("  nodes " + cfg.nodes() + ", workload " + cfg.workload().cliName() + ", ops " + cfg.ops()
                + ", clients " + cfg.clients() + ", time " + RunConfig.formatDuration(cfg.timeMs())
                + ", read-mode " + cfg.readMode().cliName());
        o.println("  knobs " + s.knobs()
                + (cfg.knobPins().isEmpty()
                        ? ""
                        : " (pinned: " + String.join(", ", cfg.knobPins().specs()) + ")"));
        StringBuilder kinds = new StringBuilder();
        for (var k : s.enabledKinds()) {
            kinds.append(kinds.length() == 0 ? "" : ",").append(k.cliName());
        }
        o.println("  nemesis " + cfg.nemesis().text() + " -> enabled " + (kinds.length() == 0 ? "none" : kinds)
                + "; " + s.events().size() + " fault events, heal at " + s.healAtMs() + " ms, quiet "
                + s.quietMs() + " ms");
        if (RunOptions.heldBackNote(cfg) != null) {
            o.println(RunOptions.heldBackNote(cfg));
        }
        for (FaultEvent e : s.events()) {
            o.println("    " + e.atMs() + " ms +" + e.durationMs() + " ms  " + e.fault());
        }
    }

    static void printVerdict(PrintStream o, RunSummary s, Path dir) {
        o.println("  simulated " + s.simulatedMs() + " ms in " + s.wallMs() + " ms wall, " + s.events()
                + " events, trace " + s.traceHash());
        o.println("  ops invoked " + s.ops().invoked() + ": ok " + s.ops().ok() + ", fail "
                + s.ops().fail() + ", info " + s.ops().info() + "; elections won " + s.leaders() + "; faults "
                + s.faults());
        o.println("verdict: " + s.verdict().jsonName());
        if (s.verdict() != Verdict.VALID) {
            o.println("  " + s.failure().kind().jsonName() + ": " + s.failure().detail());
            o.println("  repro: " + s.repro());
        }
        if (dir != null) {
            o.println("  output: " + dir);
        }
    }
}
