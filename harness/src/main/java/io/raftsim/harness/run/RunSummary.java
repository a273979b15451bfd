package io.raftsim.harness.run;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code summary.json} holds about one run (issue 6): verdict and failure, the trace hash that
 * replay compares, time and event counts, client op outcomes, faults injected per kind, and the
 * Raft activity counters; {@code repro} is the one command that reproduces the run.
 *
 * @param faults injected faults per kind (kebab-case names), only kinds that fired
 * @param faultsSkipped faults the schedule held that could not act (e.g. isolate-leader without a leader)
 */
public record RunSummary(
        long seed,
        Verdict verdict,
        Failure failure,
        String traceHash,
        long simulatedMs,
        long wallMs,
        long events,
        OpCounts ops,
        Map<String, Long> faults,
        Map<String, Long> faultsSkipped,
        long leaders,
        long snapshotsInstalled,
        long membershipChanges,
        long leaderTransfers,
        String repro) {

    public RunSummary {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(traceHash, "traceHash");
        Objects.requireNonNull(ops, "ops");
        faults = java.util.Collections.unmodifiableMap(new TreeMap<>(faults));
        faultsSkipped = java.util.Collections.unmodifiableMap(new TreeMap<>(faultsSkipped));
        Objects.requireNonNull(repro, "repro");
        if ((verdict == Verdict.VALID) != (failure == null)) {
            throw new IllegalArgumentException(
                    "a valid run has no failure and only a valid one: verdict " + verdict + ", failure " + failure);
        }
    }

    /** The same run judged again: another verdict, failure and repro command, every count kept. */
    public RunSummary rejudged(Verdict newVerdict, Failure newFailure, String newRepro) {
        return new RunSummary(
                seed,
                newVerdict,
                newFailure,
                traceHash,
                simulatedMs,
                wallMs,
                events,
                ops,
                faults,
                faultsSkipped,
                leaders,
                snapshotsInstalled,
                membershipChanges,
                leaderTransfers,
                newRepro);
    }
}
