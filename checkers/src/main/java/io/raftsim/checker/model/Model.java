package io.raftsim.checker.model;

/**
 * A sequential specification that the linearizability checker replays ops against.
 *
 * <p>How the checker uses a model, and what an implementation must guarantee:
 *
 * <ol>
 *   <li>{@link #initialState} turns the user's {@code --init} JSON value (or {@link #DEFAULT_INIT}
 *       when none was given) into the state before any op.
 *   <li>{@link #prepare} is called once per client op, before the search, with the op's {@code f},
 *       its value (the completion's value for {@code ok}, the invocation's otherwise; for histories
 *       split by key, the part after the key) and its outcome. It parses the value into the model's
 *       own input object, so the search never parses anything. It returns {@link #DROP} when the op
 *       can be left out because it constrains nothing (a read whose result is unknown, Knossos' {@code
 *       null} read) and throws {@link ModelException} for an op the model does not know.
 *   <li>{@link #step} is the pure transition function: the state after applying the input, or
 *       {@code null} when the op cannot have happened in that state (for a read: the state does not
 *       match the result). It must not mutate its arguments: states are shared between branches.
 * </ol>
 *
 * <p>States and inputs must be immutable, never {@code null}, and have value-based {@code equals}
 * and {@code hashCode} (records of canonical JSON values are ideal): the checker interns both and
 * memoizes (linearized set, state) configurations and state transitions by them, so {@code step} runs
 * at most once per distinct (state, input) pair. Models are stateless and shared between threads.
 */
public interface Model {
    /** Passed to {@link #initialState} when the user gave no initial state. */
    Object DEFAULT_INIT = new Object() {
        @Override
        public String toString() {
            return "default";
        }
    };

    /** Returned by {@link #prepare} for ops that can be left out of the search. */
    Object DROP = new Object() {
        @Override
        public String toString() {
            return "drop";
        }
    };

    /** How an op ended; never-completed ops count as {@link #INFO}. */
    enum Outcome {
        OK,
        FAIL,
        INFO
    }

    /**
     * How to read ambiguous results. {@link #KNOSSOS}: failed ops are dropped, a {@code null} read
     * result constrains nothing. {@link #STRICT} (etcd-style): a failed compare-and-set means the
     * compare failed, and a {@code null} read means the register is still unset.
     */
    enum Semantics {
        KNOSSOS,
        STRICT
    }

    /** The name used on the command line, e.g. {@code cas-register}. */
    String name();

    /** The state before any op; throws {@link ModelException} for an init value the model rejects. */
    Object initialState(Object initJson);

    /** The model input for one op, {@link #DROP}, or a {@link ModelException}. */
    Object prepare(String f, Object value, Outcome outcome, Semantics semantics);

    /** The state after {@code input}, or {@code null} when the op cannot happen in {@code state}. */
    Object step(Object state, Object input);

    /**
     * Optional: true when {@code input} never changes the state, i.e. {@code step(s, input)} is
     * {@code null} or {@code s} for every state {@code s} other than {@link #unknownState()}, as a
     * read is. The search then linearizes such an op as soon as it can (see {@code WglSearch}), which
     * keeps many concurrent reads from multiplying the configurations to explore. A wrong {@code
     * true} makes the checker unsound, so the default is {@code false}.
     */
    default boolean readOnly(Object input) {
        return false;
    }

    /** The state as a short human-readable text (for counterexamples and the HTML report). */
    default String describeState(Object state) {
        return String.valueOf(state);
    }

    /**
     * Optional: a state standing for "any state", or null when the model has none. When present,
     * {@code step(unknownState(), input)} must over-approximate every concrete state: return a state
     * covering every possible result (for a read of v: the state v; for a blind write: the written
     * value; when nothing is known: {@code unknownState()} again), and null only when the op can
     * happen in no state at all. The checker uses it to refute a short window of a history without
     * knowing the state at the window's start, which keeps violations in long histories with many
     * pending info ops provable.
     */
    default Object unknownState() {
        return null;
    }

    /**
     * True when every op's value is a Jepsen {@code [key, value]} tuple and keys are independent
     * (the checker then always splits the history by key); false when the checker should only split
     * histories that look keyed.
     */
    default boolean alwaysKeyed() {
        return false;
    }
}
