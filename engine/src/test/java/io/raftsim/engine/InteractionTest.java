package io.raftsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.testing.InteractionEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Datadriven interaction scripts (etcd raft's testdata/ style) under
 * src/test/resources/interaction: blocks of {@code command args}, a {@code ----} line, and the
 * expected output up to a blank line. Run with {@code -Drewrite=true} to regenerate the expected
 * output (then review the diff before committing).
 */
class InteractionTest {
    private static final Path DIR = Path.of("src", "test", "resources", "interaction");

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> sorted =
                    files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            assertThat(sorted).isNotEmpty();
            return sorted.stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runScript(p)));
        }
    }

    private static void runScript(Path file) throws IOException {
        boolean rewrite = Boolean.getBoolean("rewrite");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        InteractionEnv env = new InteractionEnv();
        StringBuilder rewritten = new StringBuilder();
        List<String> failures = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                rewritten.append(line).append('\n');
                i++;
                continue;
            }
            int commandLine = i + 1;
            String command = line;
            i++;
            if (i >= lines.size() || !lines.get(i).equals("----")) {
                throw new IllegalArgumentException(
                        file + ":" + commandLine + ": expected '----' after '" + command + "'");
            }
            i++;
            StringBuilder expected = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                expected.append(expected.length() == 0 ? "" : "\n").append(lines.get(i));
                i++;
            }
            String[] words = command.trim().split("\\s+");
            String actual;
            try {
                actual = env.run(words[0], Arrays.asList(words).subList(1, words.length));
            } catch (RuntimeException e) {
                actual = "error: " + e.getMessage();
            }
            rewritten.append(command).append("\n----\n").append(actual).append('\n');
            if (!rewrite && !actual.contentEquals(expected)) {
                failures.add(file.getFileName() + ":" + commandLine + ": " + command + "\n--- expected\n" + expected
                        + "\n--- actual\n" + actual);
            }
        }
        if (rewrite) {
            Files.writeString(file, rewritten.toString(), StandardCharsets.UTF_8);
        }
        assertThat(failures)
                .as("interaction script %s (rerun with -Drewrite=true to regenerate, then review the diff)", file)
                .isEmpty();
    }
}
