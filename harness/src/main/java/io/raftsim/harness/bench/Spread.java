package io.raftsim.harness.bench;

/** One figure across seeds: median and the 10th–90th percentile band, over {@code n} seeds that had it. */
public record Spread(double median, double p10, double p90, int n) {
    /** {@code median [p10–p90]}, or {@code -} when no seed had the figure. */
    public String format() {
        if (n == 0) {
            return "-";
        }
        return num(median) + " [" + num(p10) + "–" + num(p90) + "]";
    }

    static String num(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(java.util.Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
