package io.raftsim.harness.mutants;

/**
 * What the campaign against one mutant found.
 *
 * @param caught whether some check failed
 * @param seedsToFailure seeds run up to and including the first failing one; -1 if none failed
 * @param check which campaign caught it: {@code fuzz} or {@code prevote-guard}; "-" if none
 * @param failureKind the failure's kind (invariant, linearizability, liveness, crash), or "-"
 * @param detail the first line of the failure, the reason it could not run, or what ran
 */
public record MutantResult(
        String name, boolean caught, long seedsToFailure, String check, String failureKind, String detail) {

    /** Shrinking is not on this branch: the table says so rather than inventing a size. */
    public String shrunkSize() {
        return "-";
    }
}
