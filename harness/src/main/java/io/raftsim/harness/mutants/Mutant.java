package io.raftsim.harness.mutants;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One known Raft bug of the corpus: {@code mutants/NAME.patch} reintroduces it into our source,
 * {@code mutants/NAME.md} says what it is, where it was seen and which faults expose it.
 */
public record Mutant(String name, Path patch, Path note) {
    public Mutant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(note, "note");
    }
}
