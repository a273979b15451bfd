package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;

/**
 * Porcupine's key-value store, one key at a time: {@code get} returns the current string, {@code put
 * s} replaces it, {@code append s} concatenates. Ops are Jepsen {@code [key, value]} tuples and keys
 * are independent, so the checker always splits by key; every key starts as {@code ""} unless an
 * init string is given.
 */
public final class KvAppendModel implements Model {
    record Get(String expected) {}

    record Put(String value) {}

    record Append(String suffix) {}

    @Override
    public String name() {
        return "kv-append";
    }

    @Override
    public boolean alwaysKeyed() {
        return true;
    }

    @Override
    public Object initialState(Object initJson) {
        if (initJson == DEFAULT_INIT || initJson == null) {
            return "";
        }
        return Values.string(initJson, "kv-append init");
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        switch (f) {
            case "get":
                if (outcome != Outcome.OK || value == null) {
                    return DROP;
                }
                return new Get(Values.string(value, "get result"));
            case "put":
                return outcome == Outcome.FAIL ? DROP : new Put(Values.string(value, "put value"));
            case "append":
                return outcome == Outcome.FAIL ? DROP : new Append(Values.string(value, "append value"));
            default:
                throw Values.unknownF(name(), f, "get, put, append");
        }
    }

    /** Any string (see {@link Model#unknownState}). */
    private static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "any";
        }
    };

    @Override
    public Object unknownState() {
        return ANY;
    }

    /** A get: valid only in the state it saw, and then it leaves it as it is. */
    @Override
    public boolean readOnly(Object input) {
        return input instanceof Get;
    }

    @Override
    public Object step(Object state, Object input) {
        if (state == ANY) {
            if (input instanceof Get g) {
                return g.expected;
            }
            return input instanceof Put p ? p.value : ANY;
        }
        String s = (String) state;
        if (input instanceof Get g) {
            return g.expected.equals(s) ? s : null;
        }
        if (input instanceof Put p) {
            return p.value;
        }
        return s.concat(((Append) input).suffix);
    }

    @Override
    public String describeState(Object state) {
        return state == ANY ? "any" : JsonValues.toJson(state);
    }
}
