package io.raftsim.harness.shrink;

import io.raftsim.harness.run.RunOutcome;
import io.raftsim.workload.nemesis.Fault;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.ops.OpSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shrinks a failing run to a smaller input that fails the same way ({@link FailureSignature}).
 * Each round: delta debugging over the fault events; cheap structural cuts (ops never invoked, the
 * cluster size, the simulated duration, the number of clients), which make every later run
 * cheaper; delta debugging over the client operations (coarse chunks first); then simplifying each
 * remaining fault (shorter, fewer nodes). Rounds repeat until one makes no progress or the budget
 * is spent. Every candidate is a deterministic run, so the result reproduces.
 */
public final class Shrinker {
    private final CandidateRunner runner;
    private final ShrinkBudget budget;
    private final Consumer<String> progress;
    private final LongSupplier wallMs;

    private FailureSignature signature;
    private Candidate best;
    private RunOutcome bestOutcome;
    private int runs;
    /** Outcomes already known (lookup only, never iterated): rounds revisit coarse splits. */
    private final Map<Candidate, Boolean> known = new HashMap<>();

    /** Thrown by a candidate test once the budget is spent; unwinds the passes. */
    private static final class BudgetSpent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetSpent() {
            super("shrink budget spent", null, false, false);
        }
    }

    /**
     * @param progress receives one line per improvement and per pass
     * @param wallMs elapsed wall time for the report only (never steers the search, so a
     *     run-count budget makes the whole shrink deterministic)
     */
    public Shrinker(CandidateRunner runner, ShrinkBudget budget, Consumer<String> progress, LongSupplier wallMs) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.wallMs = Objects.requireNonNull(wallMs, "wallMs");
    }

    /** Runs {@code original} and shrinks it; throws IllegalArgumentException if it does not fail. */
    public ShrinkResult shrink(Candidate original) {
        long start = wallMs.getAsLong();
        RunOutcome first = runner.run(original);
        runs = 1;
        signature = FailureSignature.of(first.summary());
        best = original;
        bestOutcome = first;
        progress.accept("shrink: seed " + original.config().seed() + " fails with " + signature + "; start: "
                + original.describe());
        boolean exhausted = false;
        try {
            boolean progressed = true;
            for (int round = 1; progressed; round++) {
                Candidate before = best;
                faults();
                // Cheap structural cuts next, since they make every later run cheaper: the ops
                // that were never invoked, fewer nodes, a shorter run; then the op-by-op search.
                opsNeverInvoked();
                nodes();
                time();
                opsNeverInvoked();
                clients();
                // Ops go coarse first (8, 16, 32... chunks per round): a long op list taken apart
                // element by element would spend the budget before the other passes run again.
                int opChunks = 4 << Math.min(round, 20);
                ops(opChunks);
                simplifyFaults();
                progressed = best != before || opChunks < best.ops();
                progress.accept("shrink: round " + round + " done after " + runs + " runs: " + best.describe());
            }
        } catch (BudgetSpent e) {
            exhausted = true;
            progress.accept("shrink: budget spent after " + runs + " runs; keeping the smallest found");
        }
        return new ShrinkResult(
                signature, original, first, best, bestOutcome, runs, exhausted, wallMs.getAsLong() - start);
    }

    /** True if {@code c} fails the same way; remembers it if it is the smallest so far. */
    private boolean fails(Candidate c) {
        Boolean seen = known.get(c);
        if (seen != null) {
            return seen;
        }
        if (budget.exhausted(runs)) {
            throw new BudgetSpent();
        }
        runs++;
        RunOutcome o = runner.run(c);
        boolean same = signature.matches(o.summary());
        known.put(c, same);
        if (same && c.smallerThan(best)) {
            best = c;
            bestOutcome = o;
            progress.accept("shrink: run " + runs + ": still fails, now " + c.describe());
        }
        return same;
    }

    private void faults() {
        List<FaultEvent> events = best.input().schedule().events();
        if (events.isEmpty()) {
            return;
        }
        Candidate base = best;
        DeltaDebugging.minimize(events, sub -> fails(CandidateEdits.withEvents(base, sub)));
    }

    /** Ops past the last one invoked never ran: cutting them usually keeps the failure. */
    private void opsNeverInvoked() {
        List<OpSpec> ops = best.input().ops();
        long invoked = bestOutcome.summary().ops().invoked();
        if (invoked < ops.size()) {
            fails(CandidateEdits.withOps(best, ops.subList(0, (int) invoked)));
        }
    }

    private void ops(int maxChunks) {
        Candidate base = best;
        if (!base.input().ops().isEmpty()) {
            DeltaDebugging.minimize(base.input().ops(), sub -> fails(CandidateEdits.withOps(base, sub)), maxChunks);
        }
    }

    private void clients() {
        int c = best.config().clients();
        for (int k : ascending(1, c / 2, c - 1)) {
            if (k < c && fails(CandidateEdits.withClients(best, k))) {
                return;
            }
        }
    }

    private void nodes() {
        int n = best.config().nodes();
        for (int k = 1; k < n; k++) {
            if (fails(CandidateEdits.withNodes(best, k))) {
                return;
            }
        }
    }

    private void time() {
        long t = best.config().timeMs();
        long failedAt = bestOutcome.summary().simulatedMs();
        TreeSet<Long> tries = new TreeSet<>();
        if (failedAt < t) {
            // The run stopped at the violation: little after it matters.
            tries.add(roundUpToSecond(failedAt + 1_000));
            // Clients stop issuing an op timeout (plus a second) before the end: keep them busy
            // up to the failure.
            tries.add(roundUpToSecond(failedAt + best.config().opTimeoutMs() + 2_000));
        }
        tries.add(roundUpToSecond(t / 4));
        tries.add(roundUpToSecond(t / 2));
        tries.add(roundUpToSecond(t * 3 / 4));
        for (long k : tries) {
            if (k >= t) {
                break;
            }
            Optional<Candidate> c = CandidateEdits.withTime(best, k);
            if (c.isPresent() && fails(c.get())) {
                return;
            }
            if (failedAt < t) {
                // Failed before its heal: a short quiet phase keeps the late faults in.
                Optional<Candidate> shortQuiet = CandidateEdits.withTime(best, k, 1_000);
                if (shortQuiet.isPresent() && !shortQuiet.equals(c) && fails(shortQuiet.get())) {
                    return;
                }
            }
        }
    }

    private void simplifyFaults() {
        for (int i = 0; i < best.input().schedule().events().size(); i++) {
            boolean changed = true;
            while (changed) {
                changed = false;
                if (i >= best.input().schedule().events().size()) {
                    break;
                }
                FaultEvent e = best.input().schedule().events().get(i);
                List<FaultEvent> simpler = new ArrayList<>();
                for (Fault f : FaultEdits.fewerNodes(e.fault())) {
                    simpler.add(new FaultEvent(e.atMs(), e.durationMs(), f));
                }
                FaultEdits.shorter(e).ifPresent(simpler::add);
                simpler.addAll(FaultEdits.earlier(e));
                for (FaultEvent s : simpler) {
                    if (fails(CandidateEdits.replaceEvent(best, i, s))) {
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private static long roundUpToSecond(long ms) {
        return Math.max(2_000, (ms + 999) / 1000 * 1000);
    }

    private static List<Integer> ascending(int... xs) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int x : xs) {
            if (x >= 1) {
                s.add(x);
            }
        }
        return new ArrayList<>(s);
    }
}
