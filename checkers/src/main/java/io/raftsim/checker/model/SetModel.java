package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A grow-only set (Jepsen's set workload): {@code add v}, and {@code read} returning every element as
 * an array (order ignored). Init: an array of elements, default empty.
 */
public final class SetModel implements Model {
    record Add(Object element) {}

    record Read(Set<Object> expected) {}

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Object initialState(Object initJson) {
        if (initJson == DEFAULT_INIT || initJson == null) {
            return Set.of();
        }
        return elements(initJson, "set init");
    }

    private static Set<Object> elements(Object json, String what) {
        if (!(json instanceof List<?> l)) {
            throw new ModelException(what + " must be an array, got " + Values.json(json));
        }
        return Collections.unmodifiableSet(new HashSet<>(l));
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        switch (f) {
            case "add":
                return outcome == Outcome.FAIL ? DROP : new Add(value);
            case "read":
                return outcome != Outcome.OK || value == null ? DROP : new Read(elements(value, "read result"));
            default:
                throw Values.unknownF(name(), f, "add, read");
        }
    }

    /** A read: valid only in the state it saw, and then it leaves it as it is. */
    @Override
    public boolean readOnly(Object input) {
        return input instanceof Read;
    }

    @Override
    public Object step(Object state, Object input) {
        @SuppressWarnings("unchecked")
        Set<Object> s = (Set<Object>) state;
        if (input instanceof Read r) {
            return r.expected.equals(s) ? s : null;
        }
        Object e = ((Add) input).element;
        if (s.contains(e)) {
            return s;
        }
        Set<Object> next = new HashSet<>(s);
        next.add(e);
        return Collections.unmodifiableSet(next);
    }

    @Override
    public String describeState(Object state) {
        return ((Set<?>) state)
                .stream()
                        .map(JsonValues::toJson)
                        .sorted(Comparator.naturalOrder())
                        .collect(Collectors.joining(",", "#{", "}"));
    }
}
