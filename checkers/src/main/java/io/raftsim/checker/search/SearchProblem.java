package io.raftsim.checker.search;

import io.raftsim.checker.model.Model;

/**
 * The ops of one key, ready for the search: op {@code i} was invoked at history position {@code
 * invokePos[i]} and returned at {@code returnPos[i]}, or never ({@code -1}: an {@code info} or
 * never-completed op, which may take effect at any later time or not at all). Ops are sorted by
 * invocation. {@code inputIds[i]} indexes {@code inputs}, the distinct prepared model inputs.
 */
public record SearchProblem(
        int[] invokePos, int[] returnPos, int[] inputIds, Object[] inputs, Model model, Object initialState) {
    public SearchProblem {
        if (invokePos.length != returnPos.length || invokePos.length != inputIds.length) {
            throw new IllegalArgumentException("op arrays differ in length: invokePos " + invokePos.length
                    + ", returnPos " + returnPos.length + ", inputIds " + inputIds.length);
        }
        for (int i = 0; i < invokePos.length; i++) {
            if (returnPos[i] != -1 && returnPos[i] <= invokePos[i]) {
                throw new IllegalArgumentException(
                        "op " + i + " returns at " + returnPos[i] + " before its invocation at " + invokePos[i]);
            }
            if (i > 0 && invokePos[i] <= invokePos[i - 1]) {
                throw new IllegalArgumentException("ops must be sorted by invocation: op " + i + " at " + invokePos[i]
                        + " after op " + (i - 1) + " at " + invokePos[i - 1]);
            }
        }
    }

    public int size() {
        return invokePos.length;
    }
}
