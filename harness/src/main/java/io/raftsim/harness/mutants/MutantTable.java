package io.raftsim.harness.mutants;

import java.util.List;

/**
 * The mutant table: mutant, caught, seeds to first failure, by which check, failure kind, shrunk size,
 * the mutant's own campaign options.
 */
public final class MutantTable {
    private MutantTable() {}

    public static String text(List<MutantResult> results) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-34s %-6s %-13s %-14s %-16s %-22s %-24s %s%n";
        sb.append(String.format(
                java.util.Locale.ROOT,
                fmt,
                "mutant",
                "caught",
                "seeds-to-fail",
                "check",
                "failure-kind",
                "shrunk (faults/ops)",
                "campaign",
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
                    r.campaign(),
                    r.detail()));
        }
        long caught = results.stream().filter(MutantResult::caught).count();
        sb.append(caught).append(" of ").append(results.size()).append(" mutants caught\n");
        return sb.toString();
    }
}
