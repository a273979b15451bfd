package io.raftsim.harness.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftsim.harness.jdk.JdkChildJava;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the mutant campaign on the real machine (processes, temp directories, wall-clock timeouts):
 * for each mutant, copies the source tree, applies the patch with {@code git apply}, builds the
 * {@code raftsim} jar of the copy with Maven, and runs two campaigns with it until the first
 * failure: a fuzz campaign over the seed range (full swarm nemesis, every online invariant,
 * liveness and linearizability), and, if that finds nothing, the PreVote guard (the bench's
 * healed-isolation scenario with PreVote on, which must not let the leader's term climb: the
 * liveness bug that no safety check can see).
 */
public final class JdkMutantRunner {
    /** With PreVote on, a healed isolation leaves the leader term at most this high (1 in practice). */
    public static final double PREVOTE_GUARD_MAX_TERM = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param sourceRoot the repository root (holds pom.xml and the modules)
     * @param mvnArgs Maven arguments before the goals, e.g. {@code -B -q -o}
     * @param fuzzTime simulated time per fuzz seed ({@code --time})
     * @param timeoutMinutes wall-clock bound of each build and each campaign
     * @param fuzzArgs extra fuzz options for every campaign (a mutant's own options override them)
     * @param shrinkBudget wall time {@code raftsim shrink} gets on a caught mutant's first failing
     *     seed (e.g. {@code 90s}); empty to skip shrinking
     */
    public record Options(
            Path sourceRoot,
            long firstSeed,
            long lastSeed,
            int jobs,
            String fuzzTime,
            List<String> mvnArgs,
            long timeoutMinutes,
            boolean keep,
            List<String> fuzzArgs,
            String shrinkBudget) {
        public Options {
            fuzzArgs = List.copyOf(fuzzArgs);
        }
    }

    private final Options o;
    private final Consumer<String> log;

    public JdkMutantRunner(Options o, Consumer<String> log) {
        this.o = o;
        this.log = log;
    }

    /** A failing fuzz seed: its seed, failure kind and first detail line. */
    public record SeedFailure(long seed, String kind, String detail) {}

    /** The unpatched source's failing fuzz seeds (a mutant is caught only on seeds that pass here). */
    public record Baseline(List<SeedFailure> failures, String summary) {
        public java.util.Set<Long> seeds() {
            java.util.Set<Long> out = new java.util.TreeSet<>();
            failures.forEach(f -> out.add(f.seed()));
            return out;
        }
    }

    /** Baselines already run, by campaign options ("-" for the default campaign). */
    private final java.util.Map<String, Baseline> baselines = new java.util.TreeMap<>();

    /** The control group of {@code m}'s campaign: run once per distinct set of campaign options. */
    public Baseline baselineFor(Mutant m) {
        Baseline b = baselines.get(m.campaign());
        if (b == null) {
            b = baseline(m.campaignArgs());
            baselines.put(m.campaign(), b);
        }
        return b;
    }

    /** Every baseline run so far, by campaign options. */
    public java.util.Map<String, Baseline> baselines() {
        return java.util.Collections.unmodifiableMap(baselines);
    }

    /**
     * The fuzz options of a campaign: the global ones, less those the mutant's own options set
     * again (Picocli refuses an option given twice), then the mutant's.
     */
    static List<String> mergeArgs(List<String> global, List<String> own) {
        java.util.Set<String> overridden = new java.util.TreeSet<>();
        for (String a : own) {
            if (a.startsWith("--")) {
                overridden.add(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < global.size(); i++) {
            String a = global.get(i);
            String opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.startsWith("--") && overridden.contains(opt)) {
                boolean takesValue = !a.contains("=")
                        && i + 1 < global.size()
                        && !global.get(i + 1).startsWith("--");
                if (takesValue) {
                    i++;
                }
                continue;
            }
            out.add(a);
        }
        out.addAll(own);
        return out;
    }

    /** The unpatched source's build, shared by every campaign's baseline; null until first needed. */
    private Path baselineWork;

    private Path baselineJar;

    /**
     * Builds the unpatched source (once) and fuzzes it over the same seeds with the campaign's
     * options: the control group.
     */
    private Baseline baseline(List<String> campaignArgs) {
        String name = campaignArgs.isEmpty() ? "baseline" : "baseline (" + String.join(" ", campaignArgs) + ")";
        if (baselineJar == null) {
            baselineWork = prepare("baseline");
            baselineJar = build("baseline", baselineWork);
            if (baselineJar == null) {
                throw new IllegalStateException(
                        "the unpatched source does not build: " + tail(baselineWork.resolve("build.log")));
            }
        }
        List<SeedFailure> failures = new ArrayList<>();
        String summary =
                fuzz(name, baselineWork, baselineJar, failures, campaignArgs, "fuzz-" + (baselines.size() + 1));
        log.accept(name + ": " + summary);
        return new Baseline(failures, summary);
    }

    /** Deletes the baseline build (unless {@link Options#keep()}); call once every mutant ran. */
    public void cleanUp() {
        if (baselineWork != null && !o.keep()) {
            deleteTree(baselineWork);
        }
        baselineWork = null;
        baselineJar = null;
    }

    /** A fresh copy of the source tree in a temp directory. */
    private Path prepare(String name) {
        Path work;
        try {
            work = Files.createTempDirectory("raftsim-mutant-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory", e);
        }
        // The committed source (HEAD), so that edits in progress cannot leak into a campaign; outside
        // a git checkout, the working tree as it is.
        Path tar = work.resolve("source.tar");
        int rc = exec(
                work,
                List.of(
                        "git",
                        "-C",
                        o.sourceRoot().toString(),
                        "archive",
                        "--format=tar",
                        "-o",
                        tar.toString(),
                        "HEAD"),
                work.resolve("archive.log"));
        if (rc == 0 && exec(work, List.of("tar", "-xf", tar.toString()), work.resolve("untar.log")) == 0) {
            log.accept(name + ": source = git HEAD of " + o.sourceRoot());
        } else {
            copySource(o.sourceRoot(), work);
            log.accept(name + ": source = working tree of " + o.sourceRoot() + " (not a git checkout)");
        }
        return work;
    }

    private Path build(String name, Path work) {
        log.accept(name + ": building in " + work);
        List<String> build = new ArrayList<>();
        build.add("mvn");
        build.addAll(o.mvnArgs());
        build.addAll(List.of("-DskipTests", "-Dspotless.check.skip=true", "package", "-pl", "harness", "-am"));
        int rc = exec(work, build, work.resolve("build.log"));
        Path jar = work.resolve("harness/target/raftsim.jar");
        return rc == 0 && Files.isRegularFile(jar) ? jar : null;
    }

    public MutantResult run(Mutant m) {
        Baseline baseline = baselineFor(m);
        Path work = prepare(m.name());
        try {
            int rc = exec(
                    work, List.of("git", "apply", m.patch().toAbsolutePath().toString()), work.resolve("apply.log"));
            if (rc != 0) {
                return new MutantResult(
                        m.name(),
                        false,
                        -1,
                        "-",
                        "-",
                        "patch does not apply: " + tail(work.resolve("apply.log")),
                        m.campaign(),
                        "-");
            }
            Path jar = build(m.name(), work);
            if (jar == null) {
                return new MutantResult(
                        m.name(),
                        false,
                        -1,
                        "-",
                        "-",
                        "build failed: " + tail(work.resolve("build.log")),
                        m.campaign(),
                        "-");
            }
            List<SeedFailure> failures = new ArrayList<>();
            String summary = fuzz(m.name(), work, jar, failures, m.campaignArgs(), "fuzz");
            java.util.Set<Long> control = baseline.seeds();
            for (SeedFailure f : failures) {
                if (!control.contains(f.seed())) {
                    MutantResult caught = new MutantResult(
                            m.name(),
                            true,
                            f.seed() - o.firstSeed() + 1,
                            "fuzz",
                            f.kind(),
                            "seed " + f.seed() + ": " + f.detail(),
                            m.campaign(),
                            "-");
                    return caught.withShrunkSize(shrink(m, work, jar, f.seed()));
                }
            }
            MutantResult fuzz = new MutantResult(
                    m.name(),
                    false,
                    -1,
                    "-",
                    "-",
                    summary + (failures.isEmpty() ? "" : "; every failing seed fails unpatched too"),
                    m.campaign(),
                    "-");
            MutantResult guard = preVoteGuard(m, work, jar, fuzz);
            return guard.caught() ? guard : fuzz;
        } finally {
            if (!o.keep()) {
                deleteTree(work);
            }
        }
    }

    /**
     * Shrinks the caught mutant's first failing seed with the patched build ({@code raftsim shrink},
     * same campaign options, {@link Options#shrinkBudget()} of wall time) and returns its size
     * change, faults/ops before and after.
     */
    private String shrink(Mutant m, Path work, Path jar, long seed) {
        if (o.shrinkBudget().isBlank()) {
            return "-";
        }
        Path out = work.resolve("shrink");
        log.accept(m.name() + ": shrinking seed " + seed + " (budget " + o.shrinkBudget() + ")");
        List<String> cmd = new ArrayList<>(JdkChildJava.jarCommand(jar));
        cmd.addAll(List.of(
                "shrink",
                "--seed",
                Long.toString(seed),
                "--time",
                o.fuzzTime(),
                "--budget",
                o.shrinkBudget(),
                "--out",
                out.toString()));
        cmd.addAll(mergeArgs(o.fuzzArgs(), m.campaignArgs()));
        exec(work, cmd, work.resolve("shrink.log"));
        Path txt = out.resolve("shrink.txt");
        if (!Files.isRegularFile(txt)) {
            return "not shrunk: " + tail(work.resolve("shrink.log"));
        }
        try {
            String text = Files.readString(txt);
            return ShrinkLine.size(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + txt, e);
        }
    }

    private List<String> fuzzCommand(Path jar, Path out, List<String> campaignArgs) {
        List<String> cmd = new ArrayList<>(JdkChildJava.jarCommand(jar));
        cmd.addAll(List.of(
                "fuzz",
                "--seeds",
                o.firstSeed() + ".." + o.lastSeed(),
                "--quiet",
                "--jobs",
                Integer.toString(o.jobs()),
                "--time",
                o.fuzzTime(),
                "--out",
                out.toString()));
        cmd.addAll(mergeArgs(o.fuzzArgs(), campaignArgs));
        return cmd;
    }

    /** Fuzzes every seed of the range (no early stop: the control comparison needs each verdict). */
    private String fuzz(
            String name, Path work, Path jar, List<SeedFailure> failures, List<String> campaignArgs, String outDir) {
        Path out = work.resolve(outDir);
        log.accept(name + ": fuzz seeds " + o.firstSeed() + ".." + o.lastSeed());
        int rc = exec(work, fuzzCommand(jar, out, campaignArgs), work.resolve(outDir + ".log"));
        Path campaign = out.resolve("campaign.json");
        if (!Files.isRegularFile(campaign)) {
            return "fuzz exited " + rc + " without campaign.json: " + tail(work.resolve(outDir + ".log"));
        }
        JsonNode root = readJson(campaign);
        for (JsonNode f : root.path("failures")) {
            if (f.path("verdict").asText().equals("invalid")) {
                failures.add(new SeedFailure(
                        f.path("seed").asLong(),
                        f.path("kind").asText("-"),
                        firstLine(f.path("detail").asText(""))));
            }
        }
        failures.sort(Comparator.comparingLong(SeedFailure::seed));
        return root.path("seeds").asLong() + " seeds: " + root.path("valid").asLong() + " valid, "
                + root.path("invalid").asLong() + " invalid, "
                + root.path("unknown").asLong() + " unknown";
    }

    private MutantResult preVoteGuard(Mutant m, Path work, Path jar, MutantResult fuzz) {
        Path out = work.resolve("guard");
        long last = Math.min(o.lastSeed(), o.firstSeed() + 1);
        log.accept(m.name() + ": PreVote guard (isolation scenario, PreVote on) seeds " + o.firstSeed() + ".." + last);
        List<String> cmd = new ArrayList<>(JdkChildJava.jarCommand(jar));
        cmd.addAll(List.of(
                "bench",
                "--scenario",
                "isolation",
                "--seeds",
                o.firstSeed() + ".." + last,
                "--variant",
                "prevote=preVote=true",
                "--time",
                "9s",
                "--ops",
                "600",
                "--clients",
                "4",
                "--out",
                out.toString()));
        exec(work, cmd, work.resolve("guard.log"));
        Path bench = out.resolve("bench.json");
        if (!Files.isRegularFile(bench)) {
            return new MutantResult(
                    m.name(),
                    false,
                    -1,
                    "prevote-guard",
                    "-",
                    "guard did not run: " + tail(work.resolve("guard.log")),
                    m.campaign(),
                    "-");
        }
        JsonNode runs = readJson(bench).path("variants").path(0).path("runs");
        int i = 0;
        for (JsonNode r : runs) {
            i++;
            double term = r.path("maxLeaderTerm").asDouble(0);
            if (term > PREVOTE_GUARD_MAX_TERM) {
                return new MutantResult(
                        m.name(),
                        true,
                        i,
                        "prevote-guard",
                        "liveness",
                        "PreVote on, yet the leader term reached " + (long) term + " after a healed isolation (seed "
                                + r.path("seed").asLong() + ")",
                        m.campaign(),
                        "-");
            }
        }
        return new MutantResult(
                m.name(), false, -1, "-", "-", fuzz.detail() + "; PreVote guard: nothing", m.campaign(), "-");
    }

    private static JsonNode readJson(Path p) {
        try {
            return MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private int exec(Path dir, List<String> cmd, Path logFile) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (!p.waitFor(o.timeoutMinutes(), TimeUnit.MINUTES)) {
                p.destroyForcibly();
                p.waitFor();
                Files.writeString(
                        logFile,
                        "\nraftsim mutants: killed after " + o.timeoutMinutes() + " minutes\n",
                        java.nio.file.StandardOpenOption.APPEND);
                return 124;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "(no output)";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 300 ? l.substring(0, 300) + "..." : l;
    }

    /** Copies the source tree, without build outputs, VCS data, or run outputs. */
    static void copySource(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (skipped(rel)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            String s = part.toString();
            if (s.equals("target") || s.startsWith(".") || s.equals("runs") || s.equals("bench-out")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
