package io.raftsim.checker;

import java.util.List;

/**
 * Why a history is not linearizable, for one key. Positions are 0-based op positions in the history.
 *
 * @param key the key (JSON text), or null for an unsplit history
 * @param failingInvocation position of the invocation of the op that cannot be placed
 * @param failingCompletion position of its completion
 * @param failingOp the op, readably (process, f, value, outcome)
 * @param statesSeen the model states the search could be in just before that completion: in none of
 *     them (after any order of the concurrent ops) can the op take effect
 * @param linearizablePrefix invocation positions, in order, of the longest linearizable prefix found
 * @param window invocation positions of the smallest failing window: the failing op and every op
 *     concurrent with it; the ops before it are summarized by {@code statesSeen}
 */
public record Counterexample(
        String key,
        int failingInvocation,
        int failingCompletion,
        String failingOp,
        List<String> statesSeen,
        List<Integer> linearizablePrefix,
        List<Integer> window) {

    /** A one-paragraph explanation for humans. */
    public String explain() {
        return (key == null ? "" : "key " + key + ": ") + "op " + failingInvocation + ".." + failingCompletion + " ("
                + failingOp + ") cannot be linearized: just before it completed, the state could only be "
                + String.join(" or ", statesSeen) + " (after " + linearizablePrefix.size()
                + " linearized ops), and the op cannot take effect in any of them; failing window: " + window.size()
                + " concurrent ops";
    }
}
