package io.raftsim.harness.mutants;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One known Raft bug of the corpus: {@code mutants/NAME.patch} reintroduces it into our source,
 * {@code mutants/NAME.md} says what it is, where it was seen and which faults expose it.
 *
 * @param campaignArgs fuzz options this bug's campaign needs, from the note's {@code Campaign:} line
 *     (e.g. {@code --read-mode lease}: a lease bug is hunted with lease reads on, as a user testing
 *     lease reads would run it); empty for the default campaign
 */
public record Mutant(String name, Path patch, Path note, List<String> campaignArgs) {
    public Mutant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(note, "note");
        campaignArgs = List.copyOf(campaignArgs);
    }

    /** The campaign options as one string, or "-" for the default campaign. */
    public String campaign() {
        return campaignArgs.isEmpty() ? "-" : String.join(" ", campaignArgs);
    }
}
