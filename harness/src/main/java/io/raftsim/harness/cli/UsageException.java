package io.raftsim.harness.cli;

/** Bad user input (a malformed file, a wrong option): reported as one line with exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
