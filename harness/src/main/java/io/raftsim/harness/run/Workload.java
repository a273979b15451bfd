package io.raftsim.harness.run;

import io.raftsim.workload.ops.OpMix;

/** The workload names of the command line. */
public enum Workload {
    /** One register: history values are plain (Jepsen's cas-register test). */
    REGISTER,
    /** Many registers: history values are Jepsen "independent" {@code [key, value]} tuples. */
    KV;

    public OpMix defaultMix() {
        return this == REGISTER ? OpMix.register() : OpMix.kv();
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
