package io.raftsim.harness.shrink;

import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunInput;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.NemesisConfig;
import io.raftsim.workload.nemesis.Schedule;
import io.raftsim.workload.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The edits the shrinker makes to a candidate; each returns a new, consistent candidate. */
final class CandidateEdits {
    private CandidateEdits() {}

    static RunConfig config(RunConfig c, int nodes, int ops, long timeMs, int clients) {
        return new RunConfig(
                c.seed(),
                nodes,
                c.workload(),
                ops,
                timeMs,
                c.nemesis(),
                c.readMode(),
                clients,
                c.opTimeoutMs(),
                c.unsafeAckBeforeFsync(),
                c.readers(),
                c.writers(),
                c.knobPins());
    }

    static Candidate withEvents(Candidate c, List<FaultEvent> events) {
        return new Candidate(
                c.config(),
                new RunInput(c.input().schedule().withEvents(events), c.input().ops()));
    }

    static Candidate withOps(Candidate c, List<OpSpec> ops) {
        RunConfig k = c.config();
        return new Candidate(
                config(k, k.nodes(), ops.size(), k.timeMs(), k.clients()),
                new RunInput(c.input().schedule(), ops));
    }

    static Candidate withClients(Candidate c, int clients) {
        RunConfig k = c.config();
        return new Candidate(config(k, k.nodes(), k.ops(), k.timeMs(), clients), c.input());
    }

    /** The same run on the first {@code nodes} nodes; faults on the others are narrowed or dropped. */
    static Candidate withNodes(Candidate c, int nodes) {
        Schedule s = c.input().schedule();
        List<FaultEvent> events = new ArrayList<>();
        for (FaultEvent e : s.events()) {
            FaultEdits.restrict(e.fault(), nodes)
                    .ifPresent(f -> events.add(new FaultEvent(e.atMs(), e.durationMs(), f)));
        }
        Schedule t = new Schedule(nodes, s.enabledKinds(), s.knobs(), events, s.healAtMs(), s.quietMs());
        RunConfig k = c.config();
        return new Candidate(
                config(k, nodes, k.ops(), k.timeMs(), k.clients()),
                new RunInput(t, c.input().ops()));
    }

    /**
     * The run cut to {@code timeMs} of simulated time: the quiet phase sized as the generator sizes
     * it for that length, and fault events that would start after the new heal dropped.
     */
    static Optional<Candidate> withTime(Candidate c, long timeMs) {
        return withTime(c, timeMs, NemesisConfig.defaultQuietMs(timeMs));
    }

    /**
     * As {@link #withTime(Candidate, long)} with a quiet phase of at least {@code minQuietMs}: a
     * short one keeps late faults of a run that failed before its heal.
     */
    static Optional<Candidate> withTime(Candidate c, long timeMs, long minQuietMs) {
        if (timeMs < 2_000 || minQuietMs >= timeMs) {
            return Optional.empty();
        }
        Schedule s = c.input().schedule();
        long quiet = Math.min(s.quietMs(), minQuietMs);
        long heal = Math.min(s.healAtMs(), timeMs - quiet);
        quiet = timeMs - heal;
        List<FaultEvent> events = new ArrayList<>();
        for (FaultEvent e : s.events()) {
            if (e.atMs() <= heal) {
                events.add(e);
            }
        }
        Schedule t = new Schedule(s.clusterSize(), s.enabledKinds(), s.knobs(), events, heal, quiet);
        RunConfig k = c.config();
        return Optional.of(new Candidate(
                config(k, k.nodes(), k.ops(), timeMs, k.clients()),
                new RunInput(t, c.input().ops())));
    }

    static Candidate replaceEvent(Candidate c, int index, FaultEvent e) {
        List<FaultEvent> events = new ArrayList<>(c.input().schedule().events());
        events.set(index, e);
        return withEvents(c, events);
    }
}
