package io.raftsim.workload.ops;

import java.util.Objects;

/**
 * One client operation to issue, as data. A free client process takes the next spec, waits
 * {@code thinkMs} of simulated time, then invokes it. {@code value} is the value written (write),
 * or the new value (cas); {@code expected} is the compared value (cas). Unused fields are 0.
 */
public record OpSpec(OpKind f, int key, long value, long expected, long thinkMs) {
    public OpSpec {
        Objects.requireNonNull(f, "f");
        if (key < 0) {
            throw new IllegalArgumentException("op key must be >= 0, got " + key);
        }
        if (thinkMs < 0) {
            throw new IllegalArgumentException("op thinkMs must be >= 0, got " + thinkMs);
        }
    }

    public static OpSpec read(int key, long thinkMs) {
        return new OpSpec(OpKind.READ, key, 0, 0, thinkMs);
    }

    public static OpSpec write(int key, long value, long thinkMs) {
        return new OpSpec(OpKind.WRITE, key, value, 0, thinkMs);
    }

    public static OpSpec cas(int key, long expected, long value, long thinkMs) {
        return new OpSpec(OpKind.CAS, key, value, expected, thinkMs);
    }
}
