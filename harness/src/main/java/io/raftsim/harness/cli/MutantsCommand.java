package io.raftsim.harness.cli;

import io.raftsim.harness.mutants.JdkMutantRunner;
import io.raftsim.harness.mutants.Mutant;
import io.raftsim.harness.mutants.MutantCorpus;
import io.raftsim.harness.mutants.MutantResult;
import io.raftsim.harness.mutants.MutantTable;
import io.raftsim.harness.report.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftsim mutants}: the known-bug corpus (issue 8). Each patch is applied to a copy of the
 * source, built, and hunted by a fuzz campaign until the first failure. Exit 0 when every mutant is
 * caught, 1 when one escapes (a gap in the harness).
 */
@Command(
        name = "mutants",
        mixinStandardHelpOptions = true,
        description =
                "Apply each known-bug patch in mutants/ to a copy of the source and check the harness catches it.")
public final class MutantsCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "0..29", description = "fuzz seed range (default ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--only", split = ",", description = "run only these mutants")
    List<String> only = new ArrayList<>();

    @Option(names = "--source", defaultValue = ".", description = "repository root (default: current directory)")
    Path source;

    @Option(names = "--jobs", defaultValue = "1")
    int jobs;

    @Option(names = "--time", defaultValue = "20s", description = "simulated time per fuzz seed")
    String time;

    @Option(names = "--mvn-args", defaultValue = "-B -q -o", description = "Maven arguments for the mutant builds")
    String mvnArgs;

    @Option(names = "--timeout-minutes", defaultValue = "20", description = "bound of each build and campaign")
    long timeoutMinutes;

    @Option(
            names = "--fuzz-args",
            defaultValue = "",
            description = "extra fuzz options for the baseline and every mutant, e.g. \"--workload register"
                    + " --nemesis kill,isolate-leader\"")
    String fuzzArgs;

    @Option(
            names = "--shrink-budget",
            defaultValue = "90s",
            description = "wall time raftsim shrink gets on each caught mutant's first failing seed (the table's"
                    + " shrunk size); none to skip. Default: ${DEFAULT-VALUE}.")
    String shrinkBudget;

    @Option(names = "--keep", description = "keep each mutant's work directory")
    boolean keep;

    @Option(names = "--out", defaultValue = "mutants-out", description = "where mutants.txt is written")
    Path out;

    @Override
    public Integer call() {
        SeedRange range = SeedRange.parse(seeds);
        List<Mutant> corpus = MutantCorpus.load(source.resolve("mutants"));
        if (!only.isEmpty()) {
            List<String> names = corpus.stream().map(Mutant::name).toList();
            for (String n : only) {
                if (!names.contains(n)) {
                    throw new UsageException("no mutant named " + n + "; known: " + names);
                }
            }
            corpus = corpus.stream().filter(m -> only.contains(m.name())).toList();
        }
        JdkMutantRunner runner = new JdkMutantRunner(
                new JdkMutantRunner.Options(
                        source.toAbsolutePath(),
                        range.first(),
                        range.last(),
                        jobs,
                        time,
                        Arrays.asList(mvnArgs.trim().split("\\s+")),
                        timeoutMinutes,
                        keep,
                        fuzzArgs.isBlank()
                                ? List.of()
                                : Arrays.asList(fuzzArgs.trim().split("\\s+")),
                        shrinkBudget.equals("none") ? "" : shrinkBudget),
                line -> System.out.println("  " + line));
        List<MutantResult> results = new ArrayList<>();
        try {
            for (Mutant m : corpus) {
                MutantResult r = runner.run(m);
                System.out.println("  " + m.name() + ": " + (r.caught() ? "caught" : "NOT caught") + " (" + r.detail()
                        + ")" + (r.caught() ? " shrunk " + r.shrunkSize() : ""));
                results.add(r);
            }
        } finally {
            runner.cleanUp();
        }
        StringBuilder table = new StringBuilder();
        runner.baselines().forEach((campaign, baseline) -> {
            table.append("baseline (unpatched source, same seeds, campaign ")
                    .append(campaign)
                    .append("): ")
                    .append(baseline.summary())
                    .append('\n');
            baseline.failures()
                    .forEach(f -> table.append(
                            "  seed " + f.seed() + " fails unpatched: " + f.kind() + ": " + f.detail() + "\n"));
        });
        table.append(MutantTable.text(results));
        System.out.println();
        System.out.print(table);
        AtomicFiles.write(out.resolve("mutants.txt"), table.toString());
        return results.stream().allMatch(MutantResult::caught) ? RaftsimCli.EXIT_VALID : RaftsimCli.EXIT_VIOLATION;
    }
}
