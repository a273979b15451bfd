package io.raftsim.harness.run;

import io.raftsim.workload.nemesis.NemesisConfig;
import io.raftsim.workload.nemesis.Schedule;
import io.raftsim.workload.nemesis.ScheduleGenerator;
import io.raftsim.workload.ops.OpGenerator;
import io.raftsim.workload.ops.OpMix;
import io.raftsim.workload.ops.OpSpec;
import java.util.List;

/**
 * What a run plays, as data: the fault schedule and the op list. Drawn from the seed by default;
 * shrinking edits them and runs them again.
 */
public record RunInput(Schedule schedule, List<OpSpec> ops) {
    /** Mean time between fault starts in the fault phase. */
    public static final long MEAN_FAULT_INTERVAL_MS = 1_500;

    public RunInput {
        ops = List.copyOf(ops);
    }

    public static RunInput draw(RunConfig c) {
        long quiet = NemesisConfig.defaultQuietMs(c.timeMs());
        NemesisConfig nc = new NemesisConfig(
                c.nodes(), c.nemesis().kinds(), c.nemesis().swarm(), c.timeMs(), quiet, MEAN_FAULT_INTERVAL_MS);
        Schedule generated = new ScheduleGenerator(nc).generate(c.seed());
        // Pinned knobs replace drawn ones after every draw, so the rest of the seed stays the same.
        Schedule drawn = c.knobPins().isEmpty()
                ? generated
                : generated.withKnobs(c.knobPins().apply(generated.knobs()));
        java.util.Set<io.raftsim.workload.nemesis.FaultKind> dropped =
                java.util.EnumSet.noneOf(io.raftsim.workload.nemesis.FaultKind.class);
        dropped.addAll(c.nemesis().dropped());
        boolean lease = c.readMode() == ReadMode.LEASE;
        if (lease) {
            // Lease reads are safe only while clocks drift less than maxClockDriftMs per election
            // timeout (dissertation §6.4.1; the engine's documented assumption): clock offsets and
            // jumps break it by design and are held back, drifts are kept within it (LeaseClockBound).
            for (io.raftsim.workload.nemesis.FaultKind k : io.raftsim.workload.nemesis.FaultKind.values()) {
                if (LeaseClockBound.steps(k)) {
                    dropped.add(k);
                }
            }
        }
        long electionTimeoutMs = drawn.knobs().electionTimeoutMs();
        Schedule schedule = dropped.isEmpty() && !lease
                ? drawn
                : new Schedule(
                        drawn.clusterSize(),
                        drawn.enabledKinds().stream()
                                .filter(k -> !dropped.contains(k))
                                .toList(),
                        drawn.knobs(),
                        lease
                                ? LeaseClockBound.leaseEvents(
                                        drawn.events().stream()
                                                .filter(e -> !dropped.contains(
                                                        e.fault().kind()))
                                                .toList(),
                                        electionTimeoutMs)
                                : drawn.events().stream()
                                        .filter(e -> !dropped.contains(e.fault().kind()))
                                        .toList(),
                        drawn.healAtMs(),
                        drawn.quietMs());
        OpMix base = c.workload().defaultMix();
        // Spread the ops over the whole run: each client thinks long enough between its ops.
        long thinkMs = c.ops() == 0 ? 0 : Math.max(1, c.timeMs() * c.clients() / c.ops() - 2);
        OpMix mix = new OpMix(
                base.keys(),
                base.distribution(),
                base.readWeight(),
                base.writeWeight(),
                base.casWeight(),
                base.valueRange(),
                thinkMs);
        return new RunInput(schedule, OpGenerator.generate(c.seed(), mix, c.ops()));
    }
}
