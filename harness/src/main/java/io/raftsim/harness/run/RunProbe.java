package io.raftsim.harness.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NemesisDriver;

/**
 * Lets a caller watch (and, for benchmark scenarios, act on) a run's cluster: {@link #beforeStart}
 * runs after the cluster is built and before any event, so it may schedule its own simulated
 * events; {@link #afterStop} runs when the simulation has stopped, to read counters. Whatever it
 * schedules is part of the run's trace, so it must be deterministic too.
 */
public interface RunProbe {
    RunProbe NONE = new RunProbe() {};

    default void beforeStart(Cluster cluster) {}

    default void afterStop(Cluster cluster) {}

    /** As {@link #afterStop(Cluster)}, with the nemesis too (to read what its faults did). */
    default void afterStop(Cluster cluster, NemesisDriver nemesis) {
        afterStop(cluster);
    }
}
