package io.raftsim.checker;

import io.raftsim.checker.model.Model;
import java.time.Duration;

/**
 * How to check. {@code init} is the initial state as a JSON value, or {@link Model#DEFAULT_INIT};
 * with a split history it is the initial state of every key. {@code maxConfigurations} and {@code
 * maxMemoryBytes} bound each key's search; {@code timeLimit} bounds the whole check; running out of
 * any of them gives {@link Verdict#UNKNOWN}. {@code parallelism} is the number of keys checked at
 * once (results do not depend on it).
 */
public record CheckOptions(
        Model.Semantics semantics,
        KeyMode keyMode,
        Object init,
        Duration timeLimit,
        long maxConfigurations,
        long maxMemoryBytes,
        int parallelism) {

    public CheckOptions {
        if (semantics == null || keyMode == null || timeLimit == null) {
            throw new IllegalArgumentException("semantics, keyMode and timeLimit are required, got " + semantics + ", "
                    + keyMode + ", " + timeLimit);
        }
        if (timeLimit.isNegative()
                || timeLimit.isZero()
                || maxConfigurations < 1
                || maxMemoryBytes < 1
                || parallelism < 1) {
            throw new IllegalArgumentException("limits must be positive: timeLimit=" + timeLimit + " maxConfigurations="
                    + maxConfigurations + " maxMemoryBytes=" + maxMemoryBytes + " parallelism=" + parallelism);
        }
    }

    /** Knossos semantics, automatic key split, 60 s, 10 million configurations and 512 MiB per key. */
    public static CheckOptions defaults() {
        return new CheckOptions(
                Model.Semantics.KNOSSOS,
                KeyMode.AUTO,
                Model.DEFAULT_INIT,
                Duration.ofSeconds(60),
                10_000_000L,
                512L << 20,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public CheckOptions withSemantics(Model.Semantics s) {
        return new CheckOptions(s, keyMode, init, timeLimit, maxConfigurations, maxMemoryBytes, parallelism);
    }

    public CheckOptions withKeyMode(KeyMode k) {
        return new CheckOptions(semantics, k, init, timeLimit, maxConfigurations, maxMemoryBytes, parallelism);
    }

    public CheckOptions withInit(Object initJson) {
        return new CheckOptions(
                semantics, keyMode, initJson, timeLimit, maxConfigurations, maxMemoryBytes, parallelism);
    }

    public CheckOptions withTimeLimit(Duration t) {
        return new CheckOptions(semantics, keyMode, init, t, maxConfigurations, maxMemoryBytes, parallelism);
    }

    public CheckOptions withMaxConfigurations(long max) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, max, maxMemoryBytes, parallelism);
    }

    public CheckOptions withMaxMemoryBytes(long max) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, maxConfigurations, max, parallelism);
    }

    public CheckOptions withParallelism(int threads) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, maxConfigurations, maxMemoryBytes, threads);
    }
}
