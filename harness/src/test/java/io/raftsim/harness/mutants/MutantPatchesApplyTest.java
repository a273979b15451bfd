package io.raftsim.harness.mutants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every known-bug patch still applies to the current source ({@code git apply --check}), and
 * carries its note. The full mutant table runs on demand: {@code ./raftsim mutants}.
 */
class MutantPatchesApplyTest {
    /** The repository root: tests run in the harness module's directory. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("mutants")) ? here : here.getParent();
    }

    static Stream<Mutant> mutants() {
        return MutantCorpus.load(root().resolve("mutants")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void patchAppliesAndHasANote(Mutant m) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        List.of("git", "apply", "--check", "-v", m.patch().toString()))
                .directory(root().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertThat(rc)
                .as(
                        "mutant %s no longer applies; refresh it (repro: git apply --check %s):%n%s",
                        m.name(), m.patch(), out)
                .isZero();
        String note = Files.readString(m.note());
        assertThat(note).contains("**Bug.**", "**Where seen.**", "**Patch.**", "**Faults that expose it.**");
        assertThat(Files.readString(m.patch())).contains("+++ b/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void patchChangesOnlyMainSources(Mutant m) throws IOException {
        for (String line : Files.readAllLines(m.patch())) {
            if (line.startsWith("+++ b/")) {
                assertThat(line)
                        .as("mutant %s patches a non-main file", m.name())
                        .contains("/src/main/java/");
            }
        }
    }
}
