package io.raftsim.harness.campaign;

import io.raftsim.harness.jdk.JdkCpuMeter;
import io.raftsim.harness.jdk.JdkParallelSeeds;
import io.raftsim.harness.jdk.JdkProgress;
import io.raftsim.harness.report.AtomicFiles;
import io.raftsim.harness.report.SummaryCodec;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.sim.jdk.JdkStopwatch;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fuzz campaign over a seed range: runs each seed (in parallel across {@code jobs} threads, each
 * simulation single-threaded), keeps every seed's {@code summary.json} under {@code
 * outDir/seeds/<seed>/} as it finishes (so {@code --resume} skips seeds already done), and writes
 * {@code campaign.json} and {@code junit.xml} at the end, atomically.
 */
public final class Campaign {
    /** How to run a campaign. {@code outDir} may be null (nothing written, no resume). */
    public record Options(
            long first,
            long last,
            int jobs,
            Shard shard,
            boolean stopOnFailure,
            Path outDir,
            boolean resume,
            boolean quiet) {
        public Options {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException(
                        "seed range must satisfy 0 <= first <= last, got " + first + ".." + last);
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
            }
            if (resume && outDir == null) {
                throw new IllegalArgumentException("--resume needs --out DIR (where the interrupted campaign wrote)");
            }
        }
    }

    private Campaign() {}

    public static CampaignResult run(Options o, RunConfig template, SeedRunner runner, PrintStream out) {
        List<Long> todo = new ArrayList<>();
        TreeMap<Long, RunSummary> results = new TreeMap<>();
        int resumed = 0;
        for (long s = o.first(); s <= o.last(); s++) {
            if (!o.shard().owns(s)) {
                continue;
            }
            RunSummary previous = o.resume() ? readPrevious(o.outDir(), s) : null;
            if (previous != null) {
                results.put(s, previous);
                resumed++;
            } else {
                todo.add(s);
            }
        }
        if (resumed > 0) {
            out.println("fuzz: resuming, " + resumed + " seeds already done, " + todo.size() + " to run");
        }
        AtomicBoolean stop = new AtomicBoolean();
        long[] ran = new long[3];
        JdkStopwatch watch = new JdkStopwatch();
        long cpuAtStartNs = JdkCpuMeter.processCpuNs();
        try (JdkProgress progress = new JdkProgress(out, todo.size(), o.quiet())) {
            JdkParallelSeeds.run(todo, o.jobs(), stop, seed -> {
                RunConfig cfg = template.withSeed(seed);
                Path dir = o.outDir() == null ? null : seedDir(o.outDir(), seed);
                long threadCpuAtStartNs = JdkCpuMeter.threadCpuNs();
                RunSummary s = runner.run(cfg, dir, SeedRunner.Output.FAILURES_ONLY);
                long seedCpuNs = JdkCpuMeter.threadCpuNs() - threadCpuAtStartNs;
                if (dir != null) {
                    AtomicFiles.write(dir.resolve("summary.json"), SummaryCodec.toJson(s));
                }
                String line = null;
                if (s.verdict() != Verdict.VALID) {
                    line = "seed " + seed + ": " + s.verdict().jsonName()
                            + (s.failure() == null
                                    ? ""
                                    : " (" + s.failure().kind().jsonName() + ": "
                                            + firstLine(s.failure().detail()) + ")")
                            + "\n  repro: " + s.repro();
                    if (o.stopOnFailure()) {
                        stop.set(true);
                    }
                }
                synchronized (results) {
                    results.put(seed, s);
                    ran[0] += s.simulatedMs();
                    ran[1] += s.events();
                    ran[2] += seedCpuNs;
                }
                progress.step(line);
            });
        }
        long wallMs = Math.round(watch.elapsedSeconds() * 1000);
        long cpuNs = JdkCpuMeter.processCpuNs() - cpuAtStartNs;
        long cpuMs = cpuAtStartNs < 0 ? -1 : cpuNs / 1_000_000;
        long seedCpuMs = ran[2] < 0 ? -1 : ran[2] / 1_000_000;
        List<RunSummary> runs;
        synchronized (results) {
            runs = new ArrayList<>(results.values());
        }
        boolean stoppedEarly = stop.get() && runs.size() < todo.size() + resumed;
        CampaignResult r = new CampaignResult(
                o.first(), o.last(), o.shard(), runs, wallMs, cpuMs, seedCpuMs, resumed, ran[0], ran[1], stoppedEarly);
        if (o.outDir() != null) {
            AtomicFiles.write(o.outDir().resolve("campaign.json"), CampaignReport.toJson(r, template));
            AtomicFiles.write(o.outDir().resolve("junit.xml"), CampaignReport.junitXml(r));
        }
        return r;
    }

    public static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public static Path seedDir(Path outDir, long seed) {
        return outDir.resolve("seeds").resolve(Long.toString(seed));
    }

    private static RunSummary readPrevious(Path outDir, long seed) {
        Path f = seedDir(outDir, seed).resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return SummaryCodec.fromJson(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        } catch (IllegalArgumentException e) {
            // Written atomically, so a bad file was not ours to trust: run the seed again.
            return null;
        }
    }
}
