package io.raftsim.harness.mutants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code mutants/} directory: every {@code NAME.patch} with its {@code NAME.md}, by name. */
public final class MutantCorpus {
    private MutantCorpus() {}

    public static List<Mutant> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no mutant corpus at " + dir + " (expected NAME.patch files)");
        }
        List<Mutant> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                if (!f.endsWith(".patch")) {
                    continue;
                }
                String name = f.substring(0, f.length() - ".patch".length());
                Path note = dir.resolve(name + ".md");
                if (!Files.isRegularFile(note)) {
                    throw new IllegalArgumentException("mutant " + name + " has no note " + note);
                }
                out.add(new Mutant(name, p, note));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no NAME.patch in " + dir);
        }
        return out;
    }
}
