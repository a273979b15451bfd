package io.raftsim.harness.shrink;

import io.raftsim.harness.run.RunOutcome;

/**
 * A finished shrink: the failing input it started from and the smallest input found that fails
 * the same way, with the outcomes of both runs.
 *
 * @param runs candidate runs made (the original's included)
 * @param exhausted true if the budget ran out before the search finished (the result is the
 *     smallest found so far, not necessarily 1-minimal)
 */
public record ShrinkResult(
        FailureSignature signature,
        Candidate original,
        RunOutcome originalOutcome,
        Candidate minimal,
        RunOutcome minimalOutcome,
        int runs,
        boolean exhausted,
        long wallMs) {

    /** "shrunk from F faults / O ops to f / o in T seconds". */
    public String line() {
        return "shrunk from " + original.faults() + " faults / " + original.ops() + " ops to " + minimal.faults()
                + " / " + minimal.ops() + " in " + String.format(java.util.Locale.ROOT, "%.1f", wallMs / 1000.0)
                + " seconds";
    }
}
