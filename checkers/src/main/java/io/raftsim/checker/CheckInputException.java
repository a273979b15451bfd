package io.raftsim.checker;

/** A history or option the chosen model cannot interpret; one line, naming the op position. */
public final class CheckInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckInputException(String message) {
        super(message);
    }
}
