package io.raftsim.harness.shrink;

import io.raftsim.workload.nemesis.Fault;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Simpler versions of one fault: the same fault on fewer nodes (a smaller side of a partition, a
 * shorter ring), or confined to a smaller cluster. Faults that name a single node have no simpler
 * form here; their events can still be shortened or dropped.
 */
final class FaultEdits {
    private FaultEdits() {}

    /** The fault in a cluster of {@code nodes} (indexes 0..nodes-1), or empty if it cannot exist there. */
    static Optional<Fault> restrict(Fault f, int nodes) {
        List<Integer> ns = f.nodes();
        boolean fits = ns.stream().allMatch(n -> n < nodes);
        if (fits) {
            return Optional.of(f);
        }
        List<Integer> kept = new ArrayList<>();
        for (int n : ns) {
            if (n < nodes) {
                kept.add(n);
            }
        }
        if (f instanceof Faults.Halves) {
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Faults.Halves(kept));
        }
        if (f instanceof Faults.MajorityMinority) {
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Faults.MajorityMinority(kept));
        }
        if (f instanceof Faults.PowerLoss) {
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Faults.PowerLoss(kept));
        }
        if (f instanceof Faults.Ring) {
            return kept.size() < 3 ? Optional.empty() : Optional.of(new Faults.Ring(kept));
        }
        if (f instanceof Faults.Bridge b) {
            List<Integer> side = new ArrayList<>(b.side());
            side.removeIf(n -> n >= nodes);
            return b.bridge() >= nodes || side.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Faults.Bridge(b.bridge(), side));
        }
        return Optional.empty();
    }

    /** The fault with one node fewer, each way that can be done; empty for single-node faults. */
    static List<Fault> fewerNodes(Fault f) {
        List<Fault> out = new ArrayList<>();
        if (f instanceof Faults.Halves h) {
            for (List<Integer> s : dropOne(h.side(), 1)) {
                out.add(new Faults.Halves(s));
            }
        } else if (f instanceof Faults.MajorityMinority m) {
            for (List<Integer> s : dropOne(m.minority(), 1)) {
                out.add(new Faults.MajorityMinority(s));
            }
        } else if (f instanceof Faults.PowerLoss p) {
            for (List<Integer> s : dropOne(p.targets(), 1)) {
                out.add(new Faults.PowerLoss(s));
            }
        } else if (f instanceof Faults.Ring r) {
            for (List<Integer> s : dropOne(r.order(), 3)) {
                out.add(new Faults.Ring(s));
            }
        } else if (f instanceof Faults.Bridge b) {
            for (List<Integer> s : dropOne(b.side(), 1)) {
                out.add(new Faults.Bridge(b.bridge(), s));
            }
        }
        return out;
    }

    private static List<List<Integer>> dropOne(List<Integer> xs, int minSize) {
        List<List<Integer>> out = new ArrayList<>();
        if (xs.size() <= minSize) {
            return out;
        }
        for (int i = 0; i < xs.size(); i++) {
            List<Integer> s = new ArrayList<>(xs);
            s.remove(i);
            out.add(s);
        }
        return out;
    }

    /**
     * The event starting sooner (at half, then three quarters of its start time): a failure that
     * comes sooner needs a shorter run and fewer ops before it, which the next round's cuts take.
     */
    static List<FaultEvent> earlier(FaultEvent e) {
        List<FaultEvent> out = new ArrayList<>();
        if (e.atMs() >= 100) {
            out.add(new FaultEvent(e.atMs() / 2, e.durationMs(), e.fault()));
            out.add(new FaultEvent(e.atMs() * 3 / 4, e.durationMs(), e.fault()));
        }
        return out;
    }

    /** The event lasting half as long (whole milliseconds), or empty if too short to matter. */
    static Optional<FaultEvent> shorter(FaultEvent e) {
        if (e.durationMs() < 20) {
            return Optional.empty();
        }
        return Optional.of(new FaultEvent(e.atMs(), e.durationMs() / 2, e.fault()));
    }
}
