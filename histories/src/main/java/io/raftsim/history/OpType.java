package io.raftsim.history;

import java.util.Optional;

/**
 * The type of a Jepsen/Knossos op: an invocation, or one of its three possible completions.
 *
 * <p>{@code fail} means the operation definitely did not take effect; {@code info} means the outcome
 * is unknown (timeout, lost connection): it may take effect at any later time, or never.
 */
public enum OpType {
    INVOKE("invoke"),
    OK("ok"),
    FAIL("fail"),
    INFO("info");

    private final String wireName;

    OpType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and EDN histories ({@code "invoke"}, {@code "ok"}, ...). */
    public String wireName() {
        return wireName;
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }

    /** Parses a wire name; empty for anything else (the caller reports the error with its context). */
    public static Optional<OpType> fromWireName(String name) {
        for (OpType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
