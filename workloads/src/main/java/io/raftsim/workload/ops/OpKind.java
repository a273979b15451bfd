package io.raftsim.workload.ops;

/** The register operations, with Jepsen's {@code :f} names. */
public enum OpKind {
    READ("read"),
    WRITE("write"),
    CAS("cas");

    private final String jepsenName;

    OpKind(String jepsenName) {
        this.jepsenName = jepsenName;
    }

    /** The history's {@code f} field. */
    public String jepsenName() {
        return jepsenName;
    }
}
