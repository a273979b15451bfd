package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;
import java.util.List;

/** Small helpers the models share to read op values. */
final class Values {
    private Values() {}

    static List<?> pair(Object value, String what) {
        if (value instanceof List<?> l && l.size() == 2) {
            return l;
        }
        throw new ModelException(what + " must be a 2-element array, got " + json(value));
    }

    static String string(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new ModelException(what + " must be a string, got " + json(value));
    }

    static String json(Object value) {
        String s = JsonValues.toJson(value);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static ModelException unknownF(String model, String f, String known) {
        return new ModelException("model " + model + " has no operation \"" + f + "\" (it knows " + known + ")");
    }
}
