package io.raftsim.harness.mutants;

/**
 * What the campaign against one mutant found.
 *
 * @param caught whether some check failed
 * @param seedsToFailure seeds run up to and including the first failing one; -1 if none failed
 * @param check which campaign caught it: {@code fuzz} or {@code prevote-guard}; "-" if none
 * @param failureKind the failure's kind (invariant, linearizability, liveness, crash), or "-"
 * @param detail the first line of the failure, the reason it could not run, or what ran
 * @param campaign the mutant's own fuzz options ({@link Mutant#campaign()}), "-" for the default
 * @param shrunkSize the first failing seed shrunk by the patched build: "F/O -> f/o" (faults/ops
 *     before and after), with "(budget)" when the shrink budget ran out first; "-" when not shrunk
 */
public record MutantResult(
        String name,
        boolean caught,
        long seedsToFailure,
        String check,
        String failureKind,
        String detail,
        String campaign,
        String shrunkSize) {

    public MutantResult withShrunkSize(String size) {
        return new MutantResult(name, caught, seedsToFailure, check, failureKind, detail, campaign, size);
    }
}
