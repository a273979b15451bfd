package io.raftsim.harness.run;

/** A run's result, with the CLI exit code it maps to (DESIGN.md section 7). */
public enum Verdict {
    VALID(0),
    INVALID(1),
    UNKNOWN(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The worse of two verdicts: invalid beats unknown beats valid. */
    public Verdict worst(Verdict o) {
        if (this == INVALID || o == INVALID) {
            return INVALID;
        }
        return this == UNKNOWN || o == UNKNOWN ? UNKNOWN : VALID;
    }
}
