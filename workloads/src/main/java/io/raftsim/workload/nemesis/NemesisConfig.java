package io.raftsim.workload.nemesis;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the schedule generator may draw: the fault kinds allowed (the swarm picks a subset of these
 * per seed), the cluster size, the simulated run length, and the quiet phase at its end.
 *
 * @param allowedKinds kinds the user allows ({@code --nemesis}); empty means no faults
 * @param swarm when true each seed enables a random non-empty subset of {@code allowedKinds};
 *     when false all of them are enabled (useful to prove one kind fires)
 * @param meanFaultIntervalMs mean time between fault starts in the fault phase
 */
public record NemesisConfig(
        int clusterSize,
        Set<FaultKind> allowedKinds,
        boolean swarm,
        long runMs,
        long quietMs,
        long meanFaultIntervalMs) {

    public NemesisConfig {
        if (clusterSize < 1) {
            throw new IllegalArgumentException("clusterSize must be >= 1, got " + clusterSize);
        }
        allowedKinds = allowedKinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(allowedKinds);
        if (quietMs < 0 || runMs <= quietMs) {
            throw new IllegalArgumentException(
                    "need 0 <= quietMs < runMs, got quietMs " + quietMs + ", runMs " + runMs);
        }
        if (meanFaultIntervalMs < 1) {
            throw new IllegalArgumentException("meanFaultIntervalMs must be >= 1, got " + meanFaultIntervalMs);
        }
    }

    /** Every kind: {@code --nemesis all}. */
    public static Set<FaultKind> allKinds() {
        return EnumSet.allOf(FaultKind.class);
    }

    /** The quiet phase a run of {@code runMs} gets by default: a quarter, at most 15 s, at least 3 s. */
    public static long defaultQuietMs(long runMs) {
        return Math.max(Math.min(3_000, runMs / 2), Math.min(15_000, runMs / 4));
    }

    public long healAtMs() {
        return runMs - quietMs;
    }
}
