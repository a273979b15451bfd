package io.raftsim.checker;

import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A tiny DSL for hand-made histories: {@code new Hist().invoke(0, "write", 1).ok(0, "write", 1)}. */
final class Hist {
    private final List<Op> ops = new ArrayList<>();

    Hist invoke(long p, String f, Object value) {
        return add(OpType.INVOKE, p, f, value);
    }

    Hist ok(long p, String f, Object value) {
        return add(OpType.OK, p, f, value);
    }

    Hist fail(long p, String f, Object value) {
        return add(OpType.FAIL, p, f, value);
    }

    Hist info(long p, String f, Object value) {
        return add(OpType.INFO, p, f, value);
    }

    Hist nemesis(String f, Object value) {
        ops.add(new Op(ops.size(), Op.NO_TIME, OpType.INFO, ProcessId.named("nemesis"), f, value, Map.of()));
        return this;
    }

    private Hist add(OpType t, long p, String f, Object value) {
        ops.add(new Op(ops.size(), Op.NO_TIME, t, ProcessId.client(p), f, value, Map.of()));
        return this;
    }

    static List<Object> list(Object... xs) {
        return Arrays.asList(xs);
    }

    History build() {
        return History.of("hand-made", ops);
    }
}
