package io.raftsim.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared reference histories ({@code shared/histories} beside the checkout) and their manifest.
 * Found by walking up from the working directory; absent means the test setup is broken, so callers
 * fail rather than skip.
 */
public final class SharedCorpus {
    private SharedCorpus() {}

    /** One manifest row. {@code init} is JSON text, empty for the model's default. */
    public record Entry(String file, String model, String init, String semantics, boolean linearizable) {}

    public static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("histories");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/histories/MANIFEST.tsv not found in " + dir
                + " or any parent directory: the reference corpus must sit beside the checkout (../shared/histories)");
    }

    public static List<Entry> entries(Path root) {
        try {
            List<String> lines = Files.readAllLines(root.resolve("MANIFEST.tsv"));
            List<Entry> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(new Entry(c[0], c[1], c[2], c[3], c[4].equals("linearizable")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
