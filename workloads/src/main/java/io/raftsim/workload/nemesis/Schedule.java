package io.raftsim.workload.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole run's nemesis, as data (printable, saved as {@code schedule.json}, edited by shrinking,
 * replayed exactly): the cluster size it was drawn for, the fault kinds the swarm enabled, the
 * engine knobs it drew, the fault events in start-time order, when the heal phase begins (every
 * fault cleared, every process up), and how long the quiet phase that follows lasts (liveness).
 */
public record Schedule(
        int clusterSize,
        List<FaultKind> enabledKinds,
        EngineKnobs knobs,
        List<FaultEvent> events,
        long healAtMs,
        long quietMs) {

    public Schedule {
        if (clusterSize < 1) {
            throw new IllegalArgumentException("clusterSize must be >= 1, got " + clusterSize);
        }
        enabledKinds = List.copyOf(enabledKinds);
        Objects.requireNonNull(knobs, "knobs");
        List<FaultEvent> sorted = new ArrayList<>(events);
        sorted.sort(null);
        events = List.copyOf(sorted);
        if (healAtMs < 0 || quietMs < 0) {
            throw new IllegalArgumentException("healAtMs and quietMs must be >= 0, got " + healAtMs + ", " + quietMs);
        }
        for (int i = 0; i < events.size(); i++) {
            FaultEvent e = events.get(i);
            for (int node : e.fault().nodes()) {
                if (node >= clusterSize) {
                    throw new IllegalArgumentException("event " + i + " (" + e.fault() + ") targets node " + node
                            + " but the cluster has " + clusterSize + " nodes");
                }
            }
            if (e.atMs() > healAtMs) {
                throw new IllegalArgumentException(
                        "event " + i + " starts at " + e.atMs() + " ms, after the heal at " + healAtMs + " ms");
            }
        }
    }

    /** The schedule with {@code newEvents} instead: same cluster, knobs and phases. */
    public Schedule withEvents(List<FaultEvent> newEvents) {
        return new Schedule(clusterSize, enabledKinds, knobs, newEvents, healAtMs, quietMs);
    }

    /** The schedule with {@code newKnobs} instead: same cluster, events and phases. */
    public Schedule withKnobs(EngineKnobs newKnobs) {
        return new Schedule(clusterSize, enabledKinds, newKnobs, events, healAtMs, quietMs);
    }

    public long endMs() {
        return healAtMs + quietMs;
    }
}
