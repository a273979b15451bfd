package io.raftsim.harness.mutants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code mutants/} directory: every {@code NAME.patch} with its {@code NAME.md}, by name. A note
 * may carry one line {@code Campaign: `--opt value ...`}: the fuzz options its bug's campaign runs
 * with (and its baseline too, so that the control group sees the same workload and faults).
 */
public final class MutantCorpus {
    static final String CAMPAIGN_PREFIX = "Campaign: `";

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
                out.add(new Mutant(name, p, note, campaignArgs(note, Files.readAllLines(note))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no NAME.patch in " + dir);
        }
        return out;
    }

    /** The options of the note's {@code Campaign: `...`} line; none without one. */
    static List<String> campaignArgs(Path note, List<String> lines) {
        List<String> found = null;
        for (String line : lines) {
            String l = line.trim();
            if (!l.startsWith(CAMPAIGN_PREFIX)) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException(note + " has two Campaign: lines");
            }
            int end = l.indexOf('`', CAMPAIGN_PREFIX.length());
            if (end < 0 || !l.substring(CAMPAIGN_PREFIX.length(), end).trim().startsWith("--")) {
                throw new IllegalArgumentException(
                        note + ": expected Campaign: `--option value ...` (fuzz options), got: " + l);
            }
            found = Arrays.asList(
                    l.substring(CAMPAIGN_PREFIX.length(), end).trim().split("\\s+"));
        }
        return found == null ? List.of() : found;
    }
}
