package io.raftsim.harness.mutants;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the size change out of {@code raftsim shrink}'s {@code shrink.txt}. */
final class ShrinkLine {
    private static final Pattern LINE =
            Pattern.compile("shrunk from (\\d+) faults / (\\d+) ops to (\\d+) / (\\d+) in [0-9.]+ seconds");

    private ShrinkLine() {}

    /** "F/O -> f/o", with " (budget)" when the shrink stopped on its budget. */
    static String size(String shrinkTxt) {
        Matcher m = LINE.matcher(shrinkTxt);
        if (!m.find()) {
            throw new IllegalArgumentException("no 'shrunk from' line in shrink.txt: " + shrinkTxt);
        }
        String size = m.group(1) + "/" + m.group(2) + " -> " + m.group(3) + "/" + m.group(4);
        return shrinkTxt.contains("(budget spent)") ? size + " (budget)" : size;
    }
}
