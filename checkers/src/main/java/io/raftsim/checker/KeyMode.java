package io.raftsim.checker;

/**
 * Whether to split a history by Jepsen "independent" {@code [key, value]} tuples and check each key
 * on its own (P-compositionality: a history is linearizable iff each per-key sub-history is).
 */
public enum KeyMode {
    /** Split when the model requires it, or when every client op's value is a [key, value] tuple that the model accepts. */
    AUTO,
    /** Never split: the whole history is one object. */
    SINGLE,
    /** Always split; ops whose value is not a [key, value] tuple are an input error. */
    INDEPENDENT
}
