package io.raftsim.checker;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link LinearizabilityChecker#check}.
 *
 * @param reason why the verdict is what it is (for unknown: which budget ran out, on which key)
 * @param clientOps client ops (invocations) in the history
 * @param keys one report per key, in order of first appearance in the history
 * @param counterexample present iff the verdict is {@link Verdict#INVALID}: the first key (in
 *     history order) found invalid
 */
public record CheckResult(
        Verdict verdict,
        String reason,
        String model,
        int clientOps,
        List<KeyReport> keys,
        Optional<Counterexample> counterexample,
        long elapsedNanos) {

    public boolean isValid() {
        return verdict == Verdict.VALID;
    }

    public long configurations() {
        return keys.stream().mapToLong(KeyReport::configurations).sum();
    }
}
