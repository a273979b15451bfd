package io.raftsim.checker;

import java.util.List;

/**
 * The result for one key (the whole history when it is not split; then {@code key} is {@code null}).
 * Positions are 0-based op positions in the history.
 *
 * @param key the key as JSON text, or null for an unsplit history
 * @param invocations positions of the invocations of every client op on this key, in order (failed
 *     and dropped ops included)
 * @param searchedOps ops the search had to place (failed ops and reads that prove nothing are left out)
 * @param linearization invocation positions in linearization order: complete when valid, the longest
 *     linearizable prefix found otherwise
 * @param configurations distinct (linearized set, state) configurations explored
 */
public record KeyReport(
        String key,
        Verdict verdict,
        String reason,
        List<Integer> invocations,
        int searchedOps,
        List<Integer> linearization,
        long configurations,
        long elapsedNanos) {}
