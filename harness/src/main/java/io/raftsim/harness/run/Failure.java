package io.raftsim.harness.run;

import java.util.Objects;

/** Why a run is not valid: the kind of property and a human-readable detail with the offending values. */
public record Failure(Kind kind, String detail) {
    public enum Kind {
        LINEARIZABILITY,
        INVARIANT,
        LIVENESS,
        CRASH,
        /** The same seed ran twice with different trace hashes ({@code fuzz --check-determinism}). */
        NONDETERMINISM;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
