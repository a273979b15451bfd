package io.raftsim.harness.cli;

/** An inclusive range of seeds written {@code A..B} (or a single seed {@code N}). */
public record SeedRange(long first, long last) {
    public SeedRange {
        if (first < 0 || last < first) {
            throw new UsageException("seed range must satisfy 0 <= first <= last, got " + first + ".." + last);
        }
    }

    public static SeedRange parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                long n = Long.parseLong(t);
                return new SeedRange(n, n);
            }
            return new SeedRange(Long.parseLong(t.substring(0, dots)), Long.parseLong(t.substring(dots + 2)));
        } catch (NumberFormatException e) {
            throw new UsageException("bad seed range '" + text + "': expected A..B or N, e.g. 0..199");
        }
    }

    public long count() {
        return last - first + 1;
    }
}
