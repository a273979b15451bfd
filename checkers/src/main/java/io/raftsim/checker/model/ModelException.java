package io.raftsim.checker.model;

/** An op or initial state that a model cannot interpret (bad input, never a checker bug). */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }
}
