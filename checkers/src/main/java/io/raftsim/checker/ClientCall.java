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
 * A client op: its invocation paired with its completion. Ops of named processes (the nemesis) are
 * not client ops. An invocation that never completes counts as {@code info}.
 *
 * @param completionPos position of the completion, or -1 when it never completed
 */
record ClientCall(int invokePos, int completionPos, Model.Outcome outcome, Op invocation, Op completion) {

    /** The value the model judges: the completion's for an ok op (it carries read results), else the invocation's. */
    Object value() {
        if (outcome == Model.Outcome.OK && completion.value() != null) {
            return completion.value();
        }
        return invocation.value();
    }

    /** Position after which the op is known to have returned (for the search), -1 for info ops. */
    int returnPos() {
        return outcome == Model.Outcome.OK || outcome == Model.Outcome.FAIL ? completionPos : -1;
    }

    static List<ClientCall> pair(History h) {
        List<ClientCall> calls = new ArrayList<>();
        Map<Long, Integer> pending = new HashMap<>();
        List<Op> ops = h.ops();
        for (int pos = 0; pos < ops.size(); pos++) {
            Op op = ops.get(pos);
            if (!(op.process() instanceof ProcessId.Client c)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                pending.put(c.id(), calls.size());
                calls.add(new ClientCall(pos, -1, Model.Outcome.INFO, op, null));
            } else {
                // History validated the pairing already.
                int at = pending.remove(c.id());
                ClientCall inv = calls.get(at);
                Model.Outcome outcome =
                        switch (op.type()) {
                            case OK -> Model.Outcome.OK;
                            case FAIL -> Model.Outcome.FAIL;
                            default -> Model.Outcome.INFO;
                        };
                calls.set(at, new ClientCall(inv.invokePos, pos, outcome, inv.invocation, op));
            }
        }
        return calls;
    }
}
