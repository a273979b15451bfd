package io.raftsim.harness.determinism;

import io.raftsim.harness.campaign.SeedRunner;
import io.raftsim.harness.report.RunOutput;
import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.sim.EventRecord;
import io.raftsim.workload.SplitMix64;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code fuzz --check-determinism=P}: a {@link SeedRunner} that runs a fraction P of the seeds a
 * second time, on the same worker thread while other seeds run beside it, and turns any trace-hash
 * difference into a {@code nondeterminism} failure naming the first divergent event (FoundationDB's
 * "unseed" check, made cheap by sampling). Which seeds are checked depends only on the seed, so
 * shards agree on it and a re-run campaign checks the same seeds.
 */
public final class DeterminismCheck implements SeedRunner {
    /** One run of a config, cut after {@code stopAtEvent} events ({@code Long.MAX_VALUE}: whole). */
    @FunctionalInterface
    interface Simulator {
        RunOutcome run(RunConfig config, long stopAtEvent);
    }

    private static final Simulator SIMULATION = (c, stop) -> RunDriver.run(
            c, RunInput.draw(c), stop == Long.MAX_VALUE ? Duration.ofSeconds(30) : Duration.ofSeconds(1), stop);

    private final double fraction;
    private final Simulator sim;

    public DeterminismCheck(double fraction) {
        this(fraction, SIMULATION);
    }

    DeterminismCheck(double fraction, Simulator sim) {
        this.sim = sim;
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--check-determinism takes a fraction in [0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    /** True if {@code seed} is among the fraction re-run: a hash of the seed, uniform in [0, 1). */
    public static boolean sampled(long seed, double fraction) {
        long h = SplitMix64.derive(seed, "check-determinism");
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }

    public double fraction() {
        return fraction;
    }

    @Override
    public RunSummary run(RunConfig config, Path outDir, Output output) {
        RunOutcome a = sim.run(config, Long.MAX_VALUE);
        RunSummary s = a.summary();
        if (sampled(config.seed(), fraction)) {
            RunOutcome b = sim.run(config, Long.MAX_VALUE);
            if (!b.summary().traceHash().equals(s.traceHash())) {
                s = diverged(s, config, describe(config, a, b));
                a = withSummary(a, s);
            }
        }
        if (outDir != null && (output == Output.ALL || s.verdict() != Verdict.VALID)) {
            RunOutput.write(outDir, a);
        }
        return s;
    }

    /** Where two runs of one config part: the first differing event, found by re-running to its window. */
    String describe(RunConfig config, RunOutcome a, RunOutcome b) {
        StringBuilder sb = new StringBuilder("trace hash ")
                .append(a.summary().traceHash())
                .append(" on the first run, ")
                .append(b.summary().traceHash())
                .append(" on a re-run (")
                .append(a.summary().events())
                .append(" vs ")
                .append(b.summary().events())
                .append(" events)");
        int w = firstDifferent(a.checkpoints(), b.checkpoints());
        long windowStart = (long) w * RunDriver.CHECKPOINT_EVENTS;
        long windowEnd = windowStart + RunDriver.CHECKPOINT_EVENTS;
        List<EventRecord> x = sim.run(config, windowEnd).eventTail();
        List<EventRecord> y = sim.run(config, windowEnd).eventTail();
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            EventRecord p = i < x.size() ? x.get(i) : null;
            EventRecord q = i < y.size() ? y.get(i) : null;
            if (p == null || q == null || !p.equals(q)) {
                sb.append("; first divergent event: ")
                        .append(p == null ? "none" : RunOutput.line(p))
                        .append("  vs  ")
                        .append(q == null ? "none" : RunOutput.line(q));
                return sb.toString();
            }
        }
        return sb.append("; first differing checkpoint at events ")
                .append(windowStart)
                .append("..")
                .append(windowEnd)
                .append(", but two more runs agree there: the divergence depends on state outside the simulation")
                .toString();
    }

    static int firstDifferent(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return n;
    }

    static String replayCommand(RunConfig config) {
        String repro = config.reproCommand();
        int hash = repro.indexOf("   #");
        String base = hash < 0 ? repro : repro.substring(0, hash);
        return base.replace("./raftsim run ", "./raftsim replay ") + " --check-determinism"
                + (hash < 0 ? "" : repro.substring(hash));
    }

    private static RunSummary diverged(RunSummary s, RunConfig config, String detail) {
        return s.rejudged(Verdict.INVALID, new Failure(Failure.Kind.NONDETERMINISM, detail), replayCommand(config));
    }

    private static RunOutcome withSummary(RunOutcome o, RunSummary s) {
        return new RunOutcome(
                s,
                o.config(),
                o.input(),
                o.history(),
                o.roles(),
                o.faultBands(),
                o.eventTail(),
                o.checkpoints(),
                o.check());
    }
}
