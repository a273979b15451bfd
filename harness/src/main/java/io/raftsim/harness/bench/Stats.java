package io.raftsim.harness.bench;

import java.util.Arrays;

/** Nearest-rank quantiles; NaN values (a figure a run could not have) are left out. */
final class Stats {
    private Stats() {}

    /** The {@code q}-quantile of sorted {@code xs} by nearest rank, NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** Median, p10 and p90 of the non-NaN values. */
    static Spread spread(double[] values) {
        double[] xs =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return new Spread(quantile(xs, 0.5), quantile(xs, 0.1), quantile(xs, 0.9), xs.length);
    }
}
