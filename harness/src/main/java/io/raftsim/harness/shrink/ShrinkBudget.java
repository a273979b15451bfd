package io.raftsim.harness.shrink;

/**
 * When the shrinker must stop and hand back the smallest input found so far. A wall-clock budget
 * lives in the {@code jdk} package (it reads a real clock); tests use a run-count budget, which
 * makes the whole shrink deterministic.
 */
public interface ShrinkBudget {
    /** Called before each candidate run; {@code runs} counts the runs made so far. */
    boolean exhausted(int runs);

    static ShrinkBudget runs(int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be >= 1, got " + maxRuns);
        }
        return runs -> runs >= maxRuns;
    }

    /** Both limits: stop at whichever comes first. */
    default ShrinkBudget and(ShrinkBudget other) {
        return runs -> exhausted(runs) || other.exhausted(runs);
    }
}
