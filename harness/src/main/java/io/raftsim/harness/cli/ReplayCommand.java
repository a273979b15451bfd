package io.raftsim.harness.cli;

import io.raftsim.harness.report.RunOutput;
import io.raftsim.harness.report.SummaryCodec;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.sim.EventRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code raftsim replay --seed N}: runs a seed again and checks it is the same run. With {@code
 * --from DIR}, against the recorded run (its options, schedule and trace hash); with {@code
 * --check-determinism}, against a second run in this process. On divergence it locates the first
 * differing event through the trace-hash checkpoints and names it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay a seed and compare trace hashes.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "The seed (>= 0).")
    long seed;

    @Option(
            names = "--from",
            description = "A recorded run's directory (e.g. runs/<seed>/): replay it exactly and compare.")
    Path from;

    @Option(names = "--check-determinism", description = "Run the seed twice in this process and compare.")
    boolean checkDeterminism;

    @Option(names = "--events", description = "Print the event log (the last " + RunDriver.EVENT_TAIL + " events).")
    boolean events;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        PrintStream o = System.out;
        if (from == null && !checkDeterminism) {
            throw new UsageException("replay needs --from DIR (compare with a recorded run) or --check-determinism");
        }
        RunConfig cfg;
        RunInput input;
        RunSummary recorded = null;
        List<String> recordedCheckpoints = null;
        if (from != null) {
            recorded = SummaryCodec.fromJson(read(from.resolve("summary.json")));
            if (recorded.seed() != seed) {
                throw new UsageException(from + " holds seed " + recorded.seed() + ", not " + seed);
            }
            cfg = configFromRepro(recorded.repro());
            input = new RunInput(
                    RunCommand.readSchedule(from.resolve("schedule.json"), cfg), readOps(from.resolve("ops.json")));
            recordedCheckpoints = lines(read(from.resolve("checkpoints.txt")));
        } else {
            cfg = options.toConfig(seed);
            input = RunInput.draw(cfg);
        }
        RunOutcome a = RunDriver.run(cfg, input, Duration.ofSeconds(60), Long.MAX_VALUE);
        if (events) {
            o.print(RunOutput.eventsLog(a));
        }
        o.println("replay seed " + seed + ": trace " + a.summary().traceHash() + ", "
                + a.summary().events() + " events, verdict "
                + a.summary().verdict().jsonName());
        String otherHash;
        List<String> otherCheckpoints;
        String otherName;
        RunOutcome b = null;
        if (from != null) {
            otherHash = recorded.traceHash();
            otherCheckpoints = recordedCheckpoints;
            otherName = "the recorded run in " + from;
        } else {
            b = RunDriver.run(cfg, input, Duration.ofSeconds(60), Long.MAX_VALUE);
            otherHash = b.summary().traceHash();
            otherCheckpoints = b.checkpoints();
            otherName = "a second run";
        }
        if (otherHash.equals(a.summary().traceHash())) {
            o.println("deterministic: same trace hash as " + otherName);
            return 0;
        }
        o.println("DIVERGED from " + otherName + ": trace " + a.summary().traceHash() + " vs " + otherHash);
        int w = firstDifferentCheckpoint(a.checkpoints(), otherCheckpoints);
        long windowStart = (long) w * RunDriver.CHECKPOINT_EVENTS;
        long windowEnd = windowStart + RunDriver.CHECKPOINT_EVENTS;
        o.println("  first differing checkpoint: events " + windowStart + ".." + windowEnd);
        List<EventRecord> mine =
                RunDriver.run(cfg, input, Duration.ofSeconds(1), windowEnd).eventTail();
        if (b != null) {
            List<EventRecord> theirs =
                    RunDriver.run(cfg, input, Duration.ofSeconds(1), windowEnd).eventTail();
            EventRecord[] diff = firstDifferentEvent(mine, theirs);
            if (diff != null) {
                o.println("  first differing event: " + (diff[0] == null ? "none" : RunOutput.line(diff[0])) + "  vs  "
                        + (diff[1] == null ? "none" : RunOutput.line(diff[1])));
            } else {
                o.println("  the re-runs agree on this window: the divergence depends on state outside the simulation");
            }
        } else {
            o.println("  this run's events in that window (compare with " + from.resolve("events.log") + "):");
            for (EventRecord r : mine) {
                if (r.index() >= windowStart) {
                    o.println("    " + RunOutput.line(r));
                    if (r.index() >= windowStart + 20) {
                        o.println("    ...");
                        break;
                    }
                }
            }
        }
        o.println("  repro: " + cfg.reproCommand());
        return 1;
    }

    static int firstDifferentCheckpoint(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return n;
    }

    static EventRecord[] firstDifferentEvent(List<EventRecord> a, List<EventRecord> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            EventRecord x = i < a.size() ? a.get(i) : null;
            EventRecord y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null || !x.equals(y)) {
                return new EventRecord[] {x, y};
            }
        }
        return null;
    }

    /** The recorded run's options, from its repro command. */
    static RunConfig configFromRepro(String repro) {
        return ParsedRepro.parse(repro).config();
    }

    /** The recorded op list (data, as shrinking may have edited it). */
    static List<io.raftsim.workload.ops.OpSpec> readOps(Path f) {
        try {
            return List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(read(f), io.raftsim.workload.ops.OpSpec[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(f + ": not an op list: " + e.getMessage());
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + f + ": " + e.getMessage());
        }
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.trim());
            }
        }
        return out;
    }
}
