package io.raftsim.checker;

import io.raftsim.checker.jdk.JdkKeyPool;
import io.raftsim.checker.jdk.RealTicker;
import io.raftsim.checker.model.Model;
import java.time.Duration;
import java.util.Optional;

/**
 * How to check. {@code init} is the initial state as a JSON value, or {@link Model#DEFAULT_INIT};
 * with a split history it is the initial state of every key. {@code maxConfigurations} and {@code
 * maxMemoryBytes} bound each key's search; {@code timeLimit}, when present, bounds the whole check as
 * measured by {@code ticker}; running out of any of them gives {@link Verdict#UNKNOWN}. {@code keys}
 * runs the per-key searches (results do not depend on it).
 *
 * <p>A run whose verdict must not depend on machine speed (the simulation harness) uses {@link
 * #withoutTimeLimit()}, {@link #withParallelism withParallelism(1)} and {@link Ticker#NONE}: then
 * only the configuration and memory budgets can stop a search, no thread is created and no clock is
 * read.
 */
public record CheckOptions(
        Model.Semantics semantics,
        KeyMode keyMode,
        Object init,
        Optional<Duration> timeLimit,
        long maxConfigurations,
        long maxMemoryBytes,
        KeyScheduler keys,
        Ticker ticker) {

    public CheckOptions {
        if (semantics == null || keyMode == null || timeLimit == null || keys == null || ticker == null) {
            throw new IllegalArgumentException("semantics, keyMode, timeLimit, keys and ticker are required, got "
                    + semantics + ", " + keyMode + ", " + timeLimit + ", " + keys + ", " + ticker);
        }
        if (timeLimit.map(t -> t.isNegative() || t.isZero()).orElse(false)
                || maxConfigurations < 1
                || maxMemoryBytes < 1
                || keys.parallelism() < 1) {
            throw new IllegalArgumentException("limits must be positive: timeLimit=" + timeLimit + " maxConfigurations="
                    + maxConfigurations + " maxMemoryBytes=" + maxMemoryBytes + " parallelism=" + keys.parallelism());
        }
    }

    /**
     * Knossos semantics, automatic key split, 60 s on the real clock, 10 million configurations and
     * 512 MiB per key, one thread per available processor: the CLI's defaults.
     */
    public static CheckOptions defaults() {
        return new CheckOptions(
                Model.Semantics.KNOSSOS,
                KeyMode.AUTO,
                Model.DEFAULT_INIT,
                Optional.of(Duration.ofSeconds(60)),
                10_000_000L,
                512L << 20,
                JdkKeyPool.forAvailableProcessors(),
                RealTicker.INSTANCE);
    }

    /** The number of keys checked at once. */
    public int parallelism() {
        return keys.parallelism();
    }

    public CheckOptions withSemantics(Model.Semantics s) {
        return new CheckOptions(s, keyMode, init, timeLimit, maxConfigurations, maxMemoryBytes, keys, ticker);
    }

    public CheckOptions withKeyMode(KeyMode k) {
        return new CheckOptions(semantics, k, init, timeLimit, maxConfigurations, maxMemoryBytes, keys, ticker);
    }

    public CheckOptions withInit(Object initJson) {
        return new CheckOptions(
                semantics, keyMode, initJson, timeLimit, maxConfigurations, maxMemoryBytes, keys, ticker);
    }

    public CheckOptions withTimeLimit(Duration t) {
        if (t == null) {
            throw new IllegalArgumentException("time limit is null: use withoutTimeLimit() for none");
        }
        return new CheckOptions(
                semantics, keyMode, init, Optional.of(t), maxConfigurations, maxMemoryBytes, keys, ticker);
    }

    /** No time limit: the ticker is then never consulted for the budget, only for elapsed times. */
    public CheckOptions withoutTimeLimit() {
        return new CheckOptions(
                semantics, keyMode, init, Optional.empty(), maxConfigurations, maxMemoryBytes, keys, ticker);
    }

    public CheckOptions withMaxConfigurations(long max) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, max, maxMemoryBytes, keys, ticker);
    }

    public CheckOptions withMaxMemoryBytes(long max) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, maxConfigurations, max, keys, ticker);
    }

    /** 1 runs keys one after another on the caller's thread; more uses a {@link JdkKeyPool}. */
    public CheckOptions withParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("limits must be positive: parallelism=" + threads);
        }
        return withKeyScheduler(threads == 1 ? KeyScheduler.SEQUENTIAL : new JdkKeyPool(threads));
    }

    public CheckOptions withKeyScheduler(KeyScheduler k) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, maxConfigurations, maxMemoryBytes, k, ticker);
    }

    public CheckOptions withTicker(Ticker t) {
        return new CheckOptions(semantics, keyMode, init, timeLimit, maxConfigurations, maxMemoryBytes, keys, t);
    }
}
