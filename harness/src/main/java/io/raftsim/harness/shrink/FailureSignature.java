package io.raftsim.harness.shrink;

import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.util.Objects;

/**
 * What "fails the same way" means while shrinking: the same failure kind and, for an invariant, the
 * same invariant name (for a crash, the same exception class). A candidate that fails differently
 * (say, the original broke leader completeness and the candidate only loses liveness) is a
 * different bug and is rejected, as delta debugging requires a fixed test outcome (Zeller and
 * Hildebrandt, "Simplifying and Isolating Failure-Inducing Input", 2002).
 *
 * @param name the invariant name or the exception class; empty for linearizability and liveness
 */
public record FailureSignature(Failure.Kind kind, String name) {
    public FailureSignature {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The signature of an invalid run; throws for a valid or unknown run (nothing to shrink). */
    public static FailureSignature of(RunSummary s) {
        if (s.verdict() != Verdict.INVALID) {
            throw new IllegalArgumentException(
                    "seed " + s.seed() + " ended " + s.verdict().jsonName() + ": only an invalid run can be shrunk");
        }
        return of(s.failure());
    }

    public static FailureSignature of(Failure f) {
        return new FailureSignature(f.kind(), nameOf(f));
    }

    /** True if {@code s} is invalid with this signature. */
    public boolean matches(RunSummary s) {
        return s.verdict() == Verdict.INVALID && s.failure() != null && equals(of(s.failure()));
    }

    /**
     * An invariant's detail starts with its name ({@code "election-safety: ..."}, see
     * InvariantViolation); a crash's with the exception ({@code "java.lang.IllegalStateException:
     * ..."} or {@code "...Exception at 1234 ms"}).
     */
    static String nameOf(Failure f) {
        String d = f.detail();
        return switch (f.kind()) {
            case INVARIANT -> prefix(d, ':');
            case CRASH -> prefix(prefix(d, ':'), ' ');
            default -> "";
        };
    }

    private static String prefix(String s, char stop) {
        int i = s.indexOf(stop);
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    @Override
    public String toString() {
        return kind.jsonName() + (name.isEmpty() ? "" : " (" + name + ")");
    }
}
