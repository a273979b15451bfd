package io.raftsim.harness.cli;

import io.raftsim.harness.run.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A repro command ({@code ./raftsim run --seed N ...}, as summary.json records it) read back
 * through the CLI's own parser: the run's options and the input files it played, null when drawn
 * from the seed.
 */
record ParsedRepro(RunConfig config, Path scheduleFile, Path opsFile) {

    static ParsedRepro parse(String repro) {
        List<String> words = shellWords(repro);
        if (words.size() < 2 || !words.get(1).equals("run")) {
            throw new UsageException("summary.json repro is not a run command: " + repro);
        }
        RunCommand rc = new RunCommand();
        try {
            new CommandLine(rc).parseArgs(words.subList(2, words.size()).toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("summary.json repro does not parse (" + e.getMessage() + "): " + repro);
        }
        return new ParsedRepro(rc.options.toConfig(rc.seed), rc.scheduleFile, rc.opsFile);
    }

    /**
     * The words a POSIX shell would pass for {@code line}, for the subset repro commands use:
     * blanks separate words, single quotes quote and a backslash escapes one character outside
     * them (see {@code RunConfig.shellWord}), and an unquoted {@code #} at the start of a word begins
     * a comment.
     */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'') {
                    quoted = true;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quoted) {
            throw new UsageException("unterminated quote in repro command: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
