package io.raftsim.engine;

import java.util.Objects;

/** The outcome of an operation, as braft's {@code butil::Status}: a code and a human message. */
public record Status(RaftError code, String message) {
    private static final Status OK = new Status(RaftError.OK, "");

    public Status {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Status ok() {
        return OK;
    }

    public static Status error(RaftError code, String message) {
        if (code == RaftError.OK) {
            throw new IllegalArgumentException("an error status needs a non-OK code, message: " + message);
        }
        return new Status(code, message);
    }

    public boolean isOk() {
        return code == RaftError.OK;
    }

    @Override
    public String toString() {
        return isOk() ? "OK" : code + "(" + message + ")";
    }
}
