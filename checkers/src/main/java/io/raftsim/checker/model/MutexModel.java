package io.raftsim.checker.model;

/**
 * A lock: {@code acquire} succeeds only when free, {@code release} only when held (as Knossos'
 * mutex). The state is a {@link Boolean}: {@code true} when held; the default init is free.
 */
public final class MutexModel implements Model {
    enum Input {
        ACQUIRE,
        RELEASE
    }

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Object initialState(Object initJson) {
        if (initJson == DEFAULT_INIT || initJson == null) {
            return Boolean.FALSE;
        }
        if (initJson instanceof Boolean b) {
            return b;
        }
        throw new ModelException("mutex init must be true (held) or false (free), got " + Values.json(initJson));
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        Input in =
                switch (f) {
                    case "acquire" -> Input.ACQUIRE;
                    case "release" -> Input.RELEASE;
                    default -> throw Values.unknownF(name(), f, "acquire, release");
                };
        return outcome == Outcome.FAIL ? DROP : in;
    }

    /** Free or held (see {@link Model#unknownState}). */
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

    @Override
    public Object step(Object state, Object input) {
        if (state == ANY) {
            return input == Input.ACQUIRE ? Boolean.TRUE : Boolean.FALSE;
        }
        boolean held = (Boolean) state;
        if (input == Input.ACQUIRE) {
            return held ? null : Boolean.TRUE;
        }
        return held ? Boolean.FALSE : null;
    }

    @Override
    public String describeState(Object state) {
        return state == ANY ? "any" : (Boolean) state ? "held" : "free";
    }
}
