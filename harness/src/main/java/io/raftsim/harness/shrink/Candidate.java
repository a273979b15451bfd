package io.raftsim.harness.shrink;

import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import java.util.Objects;

/**
 * One input the shrinker tries: the run's options and what it plays (schedule and op list), as
 * data. Running it is deterministic, so a candidate that failed once fails every time.
 */
public record Candidate(RunConfig config, RunInput input) {
    public Candidate {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(input, "input");
        if (input.schedule().clusterSize() != config.nodes()) {
            throw new IllegalArgumentException(
                    "schedule is for " + input.schedule().clusterSize() + " nodes, config has " + config.nodes());
        }
        if (input.schedule().endMs() != config.timeMs()) {
            throw new IllegalArgumentException(
                    "schedule ends at " + input.schedule().endMs() + " ms, config runs " + config.timeMs() + " ms");
        }
    }

    public int faults() {
        return input.schedule().events().size();
    }

    public int ops() {
        return input.ops().size();
    }

    /**
     * A total order on size, smaller first: faults, then ops, then clients, nodes, simulated time,
     * then the nodes faults touch, the sum of fault durations and of their start times
     * (simplification: fewer nodes, shorter, sooner). The shrinker accepts a candidate only if it
     * is strictly smaller, so it always terminates.
     */
    public boolean smallerThan(Candidate o) {
        long[] a = measure();
        long[] b = o.measure();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return a[i] < b[i];
            }
        }
        return false;
    }

    private long[] measure() {
        long faultMs = 0;
        long faultNodes = 0;
        long startMs = 0;
        for (var e : input.schedule().events()) {
            faultMs += e.durationMs();
            startMs += e.atMs();
            faultNodes += e.fault().nodes().size();
        }
        return new long[] {
            faults(), ops(), config.clients(), config.nodes(), config.timeMs(), faultNodes, faultMs, startMs
        };
    }

    /** One line for progress output. */
    public String describe() {
        return faults() + " faults, " + ops() + " ops, " + config.clients() + " clients, " + config.nodes() + " nodes, "
                + RunConfig.formatDuration(config.timeMs());
    }
}
