package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;
import java.util.List;
import java.util.Objects;

/**
 * A single register holding any JSON value: {@code read}, {@code write v} and, for the {@code
 * cas-register} variant, {@code cas [old, new]}. The unset register (Knossos' {@code nil}) is the
 * state {@link #UNSET}; writing {@code null} unsets it. With {@link Semantics#KNOSSOS} a read that
 * returned {@code null} constrains nothing; with {@link Semantics#STRICT} it means "still unset" and a
 * failed cas means "the compare failed" (the state differed from {@code old}).
 */
public final class RegisterModel implements Model {
    /** The state of a register nobody wrote (or that was written {@code null}). */
    public static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "unset";
        }
    };

    /** Any state (see {@link Model#unknownState}). */
    public static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "any";
        }
    };

    private final boolean cas;

    private RegisterModel(boolean cas) {
        this.cas = cas;
    }

    public static RegisterModel register() {
        return new RegisterModel(false);
    }

    public static RegisterModel casRegister() {
        return new RegisterModel(true);
    }

    record Read(Object expected) {}

    record Write(Object value) {}

    record Cas(Object expected, Object replacement) {}

    /** Strict reading of a failed cas: it ran, and the state differed from {@code expected}. */
    record CasFailed(Object expected) {}

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public Object initialState(Object initJson) {
        return initJson == DEFAULT_INIT ? UNSET : stateOf(initJson);
    }

    private static Object stateOf(Object json) {
        return json == null ? UNSET : json;
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        boolean strict = semantics == Semantics.STRICT;
        switch (f) {
            case "read":
                if (outcome != Outcome.OK) {
                    return DROP; // an unanswered read changes nothing and proves nothing
                }
                if (value == null && !strict) {
                    return DROP;
                }
                return new Read(stateOf(value));
            case "write":
                return outcome == Outcome.FAIL ? DROP : new Write(stateOf(value));
            case "cas":
                if (!cas) {
                    throw Values.unknownF(name(), f, "read, write");
                }
                List<?> p = Values.pair(value, "cas value [old, new]");
                if (outcome == Outcome.FAIL) {
                    return strict ? new CasFailed(stateOf(p.get(0))) : DROP;
                }
                return new Cas(stateOf(p.get(0)), stateOf(p.get(1)));
            default:
                throw Values.unknownF(name(), f, cas ? "read, write, cas" : "read, write");
        }
    }

    @Override
    public Object unknownState() {
        return ANY;
    }

    @Override
    public Object step(Object state, Object input) {
        if (state == ANY) {
            // Over-approximation of every concrete state: a read or cas narrows to what it saw.
            if (input instanceof Read r) {
                return r.expected;
            }
            if (input instanceof Write w) {
                return w.value;
            }
            if (input instanceof Cas c) {
                return c.replacement;
            }
            return ANY;
        }
        if (input instanceof Read r) {
            return r.expected.equals(state) ? state : null;
        }
        if (input instanceof Write w) {
            return w.value;
        }
        if (input instanceof Cas c) {
            return c.expected.equals(state) ? c.replacement : null;
        }
        if (input instanceof CasFailed c) {
            return c.expected.equals(state) ? null : state;
        }
        throw new IllegalArgumentException("not a register input: " + input);
    }

    /** A read: valid only in the state it saw, and then it leaves it as it is. */
    @Override
    public boolean readOnly(Object input) {
        return input instanceof Read;
    }

    @Override
    public String describeState(Object state) {
        return state == UNSET ? "unset" : state == ANY ? "any" : JsonValues.toJson(state);
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterModel m && m.cas == cas;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cas);
    }
}
