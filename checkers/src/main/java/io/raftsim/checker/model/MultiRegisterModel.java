package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named registers updated by atomic transactions ({@code f = "txn"}) of micro-ops {@code ["read",
 * reg, v]} and {@code ["write", reg, v]} (Jepsen's short {@code "r"} / {@code "w"} too), applied in
 * order, reads seeing the transaction's own earlier writes. A read micro-op whose value is {@code
 * null} constrains nothing (Knossos). The state is a sorted map from register name to value; a
 * register never written is absent. Init: a JSON object such as {@code {"x":0,"y":0}}.
 */
public final class MultiRegisterModel implements Model {
    record Micro(boolean write, String register, Object value) {}

    record Txn(List<Micro> micros) {}

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public Object initialState(Object initJson) {
        if (initJson == DEFAULT_INIT || initJson == null) {
            return Map.of();
        }
        if (!(initJson instanceof Map<?, ?> m)) {
            throw new ModelException(
                    "multi-register init must be an object such as {\"x\":0}, got " + Values.json(initJson));
        }
        Map<String, Object> state = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() != null) {
                state.put((String) e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(state);
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        if (!f.equals("txn")) {
            throw Values.unknownF(name(), f, "txn");
        }
        if (outcome == Outcome.FAIL) {
            return DROP;
        }
        if (!(value instanceof List<?> ops)) {
            throw new ModelException(
                    "txn value must be an array of [f, register, value] micro-ops, got " + Values.json(value));
        }
        List<Micro> micros = new ArrayList<>();
        boolean constrains = false;
        for (Object o : ops) {
            if (!(o instanceof List<?> m) || m.size() != 3 || !(m.get(0) instanceof String mf)) {
                throw new ModelException("txn micro-op must be [f, register, value], got " + Values.json(o));
            }
            String reg = m.get(1) instanceof String s ? s : JsonValues.toJson(m.get(1));
            boolean write =
                    switch (mf) {
                        case "write", "w" -> true;
                        case "read", "r" -> false;
                        default -> throw new ModelException("txn micro-op f must be read or write, got \"" + mf + "\"");
                    };
            if (!write && (m.get(2) == null || outcome != Outcome.OK)) {
                continue; // an unknown read result constrains nothing
            }
            constrains = true;
            micros.add(new Micro(write, reg, m.get(2)));
        }
        return constrains ? new Txn(List.copyOf(micros)) : DROP;
    }

    /** A transaction of reads only: it returns the state it was given, or null. */
    @Override
    public boolean readOnly(Object input) {
        return ((Txn) input).micros.stream().noneMatch(Micro::write);
    }

    @Override
    public Object step(Object state, Object input) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) state;
        Map<String, Object> next = null;
        for (Micro m : ((Txn) input).micros) {
            Map<String, Object> cur = next == null ? s : next;
            if (m.write) {
                if (next == null) {
                    next = new TreeMap<>(s);
                }
                if (m.value == null) {
                    next.remove(m.register);
                } else {
                    next.put(m.register, m.value);
                }
            } else if (!m.value.equals(cur.get(m.register))) {
                return null;
            }
        }
        return next == null ? s : Collections.unmodifiableMap(next);
    }

    @Override
    public String describeState(Object state) {
        return JsonValues.toJson(state);
    }
}
