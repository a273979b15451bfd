package io.raftsim.workload.ops;

/**
 * The operation generator's parameters.
 *
 * @param keys number of registers (1 for the {@code register} workload)
 * @param readWeight relative weight of reads; likewise {@code writeWeight} and {@code casWeight}
 * @param valueRange values are drawn from {@code [0, valueRange)} as in Jepsen's cas-register test,
 *     so that compare-and-set sometimes succeeds
 * @param meanThinkMs mean think time of a client between two operations (sets the rate)
 */
public record OpMix(
        int keys,
        KeyDistribution distribution,
        int readWeight,
        int writeWeight,
        int casWeight,
        int valueRange,
        long meanThinkMs) {
    public OpMix {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1, got " + keys);
        }
        if (readWeight < 0 || writeWeight < 0 || casWeight < 0 || readWeight + writeWeight + casWeight == 0) {
            throw new IllegalArgumentException("weights must be >= 0 and not all 0, got read " + readWeight + ", write "
                    + writeWeight + ", cas " + casWeight);
        }
        if (valueRange < 1 || meanThinkMs < 0) {
            throw new IllegalArgumentException(
                    "valueRange >= 1 and meanThinkMs >= 0 required, got " + valueRange + ", " + meanThinkMs);
        }
    }

    /** The {@code register} workload: one key, reads, writes and cas in equal parts. */
    public static OpMix register() {
        return new OpMix(1, KeyDistribution.UNIFORM, 1, 1, 1, 5, 20);
    }

    /** The {@code kv} workload: eight keys, hot-key skew off. */
    public static OpMix kv() {
        return new OpMix(8, KeyDistribution.UNIFORM, 1, 1, 1, 5, 20);
    }
}
