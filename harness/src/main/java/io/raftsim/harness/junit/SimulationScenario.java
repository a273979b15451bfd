package io.raftsim.harness.junit;

import io.raftsim.harness.jdk.JdkWallBudget;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.harness.run.Workload;
import io.raftsim.harness.shrink.Candidate;
import io.raftsim.harness.shrink.CandidateRunner;
import io.raftsim.harness.shrink.ShrinkOutput;
import io.raftsim.harness.shrink.ShrinkResult;
import io.raftsim.harness.shrink.Shrinker;
import io.raftsim.workload.nemesis.KnobPins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * A simulation scenario for a user's own JUnit 5 suite: the cluster, load and nemesis, and the
 * seeds to run. Each seed becomes its own test named {@code seed=N}; a failing seed fails its test
 * with the one command that reproduces it (and, when asked, a shrunk input and its command).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> registerUnderPartitions() {
 *     return SimulationScenario.named("kv-partitions")
 *             .nodes(3).ops(200).time(Duration.ofSeconds(10))
 *             .nemesis("isolate,halves")
 *             .seeds(0, 19)
 *             .shrinkOnFailure(Duration.ofMinutes(1))
 *             .dynamicTests();
 * }
 * }</pre>
 *
 * Immutable: every setter returns a new scenario. See also {@link SimulationTest}.
 */
public final class SimulationScenario {
    private final String name;
    private final RunConfig template;
    private final long firstSeed;
    private final long lastSeed;
    private final Duration shrinkBudget;
    private final Path shrinkDir;

    private SimulationScenario(
            String name, RunConfig template, long firstSeed, long lastSeed, Duration shrinkBudget, Path shrinkDir) {
        this.name = Objects.requireNonNull(name, "name");
        this.template = Objects.requireNonNull(template, "template");
        if (firstSeed < 0 || lastSeed < firstSeed) {
            throw new IllegalArgumentException(
                    "seeds must satisfy 0 <= first <= last, got " + firstSeed + ".." + lastSeed);
        }
        this.firstSeed = firstSeed;
        this.lastSeed = lastSeed;
        this.shrinkBudget = shrinkBudget;
        this.shrinkDir = Objects.requireNonNull(shrinkDir, "shrinkDir");
    }

    /** A scenario with small defaults: 3 nodes, kv, 200 ops, 3 clients, 10 s, full nemesis, seeds 0..9. */
    public static SimulationScenario named(String name) {
        RunConfig c = new RunConfig(
                0,
                3,
                Workload.KV,
                200,
                10_000,
                NemesisSpec.parse("all"),
                ReadMode.READ_INDEX,
                3,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        return new SimulationScenario(name, c, 0, 9, null, Path.of("target", "raftsim-shrunk"));
    }

    /** A scenario from a full run configuration (its seed is replaced by each seed run). */
    public static SimulationScenario of(String name, RunConfig template) {
        return named(name).config(template);
    }

    public SimulationScenario config(RunConfig newTemplate) {
        return new SimulationScenario(name, newTemplate, firstSeed, lastSeed, shrinkBudget, shrinkDir);
    }

    public SimulationScenario nodes(int nodes) {
        return config(with(
                nodes, template.workload(), template.ops(), template.timeMs(), template.nemesis(), template.clients()));
    }

    /** {@code register} or {@code kv}. */
    public SimulationScenario workload(String workload) {
        Workload w = Workload.valueOf(workload.trim().toUpperCase(Locale.ROOT));
        return config(
                with(template.nodes(), w, template.ops(), template.timeMs(), template.nemesis(), template.clients()));
    }

    public SimulationScenario ops(int ops) {
        return config(with(
                template.nodes(), template.workload(), ops, template.timeMs(), template.nemesis(), template.clients()));
    }

    /** Simulated run length. */
    public SimulationScenario time(Duration simulated) {
        return config(with(
                template.nodes(),
                template.workload(),
                template.ops(),
                simulated.toMillis(),
                template.nemesis(),
                template.clients()));
    }

    /** {@code all}, {@code none} or a comma list of fault kinds, as on the command line. */
    public SimulationScenario nemesis(String nemesis) {
        return config(with(
                template.nodes(),
                template.workload(),
                template.ops(),
                template.timeMs(),
                NemesisSpec.parse(nemesis),
                template.clients()));
    }

    public SimulationScenario clients(int clients) {
        return config(with(
                template.nodes(), template.workload(), template.ops(), template.timeMs(), template.nemesis(), clients));
    }

    /** The inclusive seed range to run. */
    public SimulationScenario seeds(long first, long last) {
        return new SimulationScenario(name, template, first, last, shrinkBudget, shrinkDir);
    }

    /** Shrink a failing seed for up to {@code budget} of wall time and report the minimal input too. */
    public SimulationScenario shrinkOnFailure(Duration budget) {
        return new SimulationScenario(name, template, firstSeed, lastSeed, budget, shrinkDir);
    }

    /** Where shrunk runs are written ({@code <dir>/<name>/seed-N}); default {@code target/raftsim-shrunk}. */
    public SimulationScenario shrinkDir(Path dir) {
        return new SimulationScenario(name, template, firstSeed, lastSeed, shrinkBudget, dir);
    }

    public String name() {
        return name;
    }

    public RunConfig config(long seed) {
        return template.withSeed(seed);
    }

    public LongStream seeds() {
        return LongStream.rangeClosed(firstSeed, lastSeed);
    }

    /** One dynamic test per seed, named {@code seed=N}, for a {@code @TestFactory}. */
    public Stream<DynamicTest> dynamicTests() {
        return seeds().mapToObj(s -> DynamicTest.dynamicTest(displayName(s), () -> verify(s)));
    }

    /** The test name of a seed, as it appears in reports. */
    public static String displayName(long seed) {
        return "seed=" + seed;
    }

    /**
     * Runs one seed; returns its outcome if valid, else fails with the verdict, the failure, the
     * repro command and, if shrinking was asked for, the shrunk input's command.
     */
    public RunOutcome verify(long seed) {
        RunOutcome o = run(seed);
        if (o.summary().verdict() != Verdict.VALID) {
            throw new AssertionFailedError(failureMessage(o));
        }
        return o;
    }

    /** Runs one seed and returns its outcome, whatever the verdict. */
    public RunOutcome run(long seed) {
        RunConfig c = config(seed);
        return RunDriver.run(c, RunInput.draw(c), Duration.ofSeconds(30), Long.MAX_VALUE);
    }

    String failureMessage(RunOutcome o) {
        RunSummary s = o.summary();
        StringBuilder sb = new StringBuilder();
        sb.append(name)
                .append(' ')
                .append(displayName(s.seed()))
                .append(": ")
                .append(s.verdict().jsonName());
        if (s.failure() != null) {
            sb.append(" (")
                    .append(s.failure().kind().jsonName())
                    .append("): ")
                    .append(s.failure().detail());
        }
        sb.append("\n  repro: ").append(s.repro());
        if (shrinkBudget != null && s.verdict() == Verdict.INVALID) {
            JdkWallBudget budget = new JdkWallBudget(shrinkBudget);
            ShrinkResult r = new Shrinker(
                            CandidateRunner.simulation(Duration.ofSeconds(20)), budget, line -> {}, budget::elapsedMs)
                    .shrink(new Candidate(o.config(), o.input()));
            Path dir = shrinkDir.resolve(name).resolve("seed-" + s.seed());
            ShrinkOutput.write(dir, r);
            sb.append("\n  ").append(r.line());
            sb.append("\n  shrunk repro: ")
                    .append(ShrinkOutput.reproCommand(r.minimal().config(), dir));
        }
        return sb.toString();
    }

    private RunConfig with(int nodes, Workload w, int ops, long timeMs, NemesisSpec nemesis, int clients) {
        return new RunConfig(
                template.seed(),
                nodes,
                w,
                ops,
                timeMs,
                nemesis,
                template.readMode(),
                clients,
                template.opTimeoutMs(),
                template.unsafeAckBeforeFsync(),
                0,
                0,
                KnobPins.NONE);
    }
}
