package io.raftsim.workload.ops;

/** How operations pick their key. */
public enum KeyDistribution {
    /** Every key equally likely. */
    UNIFORM,
    /** Key 0 takes half the operations, the rest spread evenly (contention on one register). */
    HOT_KEY
}
