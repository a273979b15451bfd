package io.raftsim.harness.mutants;

import java.util.List;

/** The mutant table: mutant, caught, seeds to first failure, by which check, failure kind, shrunk size. */
public final class MutantTable {
    private MutantTable() {}

    public static String text(List<MutantResult> results) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-34s %-6s %-15s %-14s %-16s %-6s %s%n";
        sb.append(String.format(
                java.util.Locale.ROOT,
                fmt,
                "mutant",
                "caught",
                "seeds-to-fail",
                "check",
                "failure-kind",
                "shrunk",
                "detail"));
        for (MutantResult r : results) {
            sb.append(String.format(
                    java.util.Locale.ROOT,
                    fmt,
                    r.name(),
                    r.caught() ? "yes" : "NO",
                    r.seedsToFailure() < 0 ? "-" : Long.toString(r.seedsToFailure()),
                    r.check(),
                    r.failureKind(),
                    r.shrunkSize(),
                    r.detail()));
        }
        long caught = results.stream().filter(MutantResult::caught).count();
        sb.append(caught).append(" of ").append(results.size()).append(" mutants caught\n");
        return sb.toString();
    }
}
