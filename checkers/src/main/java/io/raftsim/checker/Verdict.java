package io.raftsim.checker;

/** The answer of a check. {@link #UNKNOWN} when a budget ran out: never reported as valid. */
public enum Verdict {
    VALID("valid"),
    INVALID("invalid"),
    UNKNOWN("unknown");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
