package io.raftsim.checker;

import io.raftsim.checker.model.Model;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, exhaustive linearizability check for tiny single-key histories: tries every order
 * of the ops that respects real time, with info ops optional. No memo, no linked list: nothing shared
 * with the checker under test except the model's step function.
 */
final class BruteForceOracle {
    private record Call(int invoke, int ret, Object input) {}

    private final Model model;
    private final List<Call> calls = new ArrayList<>();

    BruteForceOracle(History h, Model model, Model.Semantics semantics) {
        this.model = model;
        Map<Long, Integer> open = new HashMap<>();
        List<Op> ops = h.ops();
        List<int[]> spans = new ArrayList<>();
        List<Op[]> pairs = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            long p = ((ProcessId.Client) op.process()).id();
            if (op.type() == OpType.INVOKE) {
                open.put(p, spans.size());
                spans.add(new int[] {i, Integer.MAX_VALUE});
                pairs.add(new Op[] {op, null});
            } else {
                int k = open.remove(p);
                spans.get(k)[1] = i;
                pairs.get(k)[1] = op;
            }
        }
        for (int k = 0; k < spans.size(); k++) {
            Op inv = pairs.get(k)[0];
            Op done = pairs.get(k)[1];
            Model.Outcome outcome = done == null || done.type() == OpType.INFO
                    ? Model.Outcome.INFO
                    : done.type() == OpType.OK ? Model.Outcome.OK : Model.Outcome.FAIL;
            Object value = outcome == Model.Outcome.OK ? done.value() : inv.value();
            Object input = model.prepare(inv.f(), value, outcome, semantics);
            if (input != Model.DROP) {
                int ret = outcome == Model.Outcome.INFO ? Integer.MAX_VALUE : spans.get(k)[1];
                calls.add(new Call(spans.get(k)[0], ret, input));
            }
        }
    }

    boolean linearizable(Object init) {
        return search(init, new boolean[calls.size()]);
    }

    private boolean search(Object state, boolean[] done) {
        int minReturn = Integer.MAX_VALUE;
        boolean allDefiniteDone = true;
        for (int i = 0; i < calls.size(); i++) {
            if (!done[i] && calls.get(i).ret != Integer.MAX_VALUE) {
                allDefiniteDone = false;
                minReturn = Math.min(minReturn, calls.get(i).ret);
            }
        }
        if (allDefiniteDone) {
            return true;
        }
        for (int i = 0; i < calls.size(); i++) {
            // Op i can go next iff it was invoked before every remaining op's return.
            if (done[i] || calls.get(i).invoke > minReturn) {
                continue;
            }
            Object next = model.step(state, calls.get(i).input);
            if (next != null) {
                done[i] = true;
                boolean ok = search(next, done);
                done[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }
}
