package io.raftsim.harness.run;

import io.raftsim.workload.nemesis.KnobPins;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything that determines a run besides the code: same config, same trace hash. The fault
 * schedule and op list are drawn from {@link #seed} unless a run is given them as data.
 *
 * @param timeMs simulated run length, fault phase plus quiet phase
 * @param clients concurrent client processes (Jepsen's concurrency)
 * @param opTimeoutMs a client gives up on an op after this long: it ends {@code info}
 * @param unsafeAckBeforeFsync TEST ONLY, not reachable from the command line: the storage wrapper
 *     reports log appends durable before the disk says so (a planted durability bug)
 * @param readers dedicated reader processes on top of {@code clients}, pinned one per node
 *     ({@link io.raftsim.workload.ops.ReaderMix}); 0 for none
 * @param writers dedicated writer processes after the readers, pinned one per node
 *     ({@link io.raftsim.workload.ops.WriterMix}); 0 for none
 * @param knobPins engine knobs pinned instead of drawn by the swarm ({@code --knob}); the other
 *     draws of the seed are unchanged
 */
public record RunConfig(
        long seed,
        int nodes,
        Workload workload,
        int ops,
        long timeMs,
        NemesisSpec nemesis,
        ReadMode readMode,
        int clients,
        long opTimeoutMs,
        boolean unsafeAckBeforeFsync,
        int readers,
        int writers,
        KnobPins knobPins) {

    public static final int DEFAULT_NODES = 5;
    public static final int DEFAULT_OPS = 2000;
    public static final long DEFAULT_TIME_MS = 60_000;

    public RunConfig {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("nodes must be in [1, 9], got " + nodes);
        }
        Objects.requireNonNull(workload, "workload");
        if (ops < 0) {
            throw new IllegalArgumentException("ops must be >= 0, got " + ops);
        }
        if (timeMs < 2_000) {
            throw new IllegalArgumentException("time must be >= 2s, got " + timeMs + " ms");
        }
        Objects.requireNonNull(nemesis, "nemesis");
        Objects.requireNonNull(readMode, "readMode");
        if (clients < 1 || opTimeoutMs < 100) {
            throw new IllegalArgumentException(
                    "clients >= 1 and opTimeoutMs >= 100 required, got " + clients + ", " + opTimeoutMs);
        }
        if (readers < 0 || readers > 64) {
            throw new IllegalArgumentException("readers must be in [0, 64], got " + readers);
        }
        if (writers < 0 || writers > 64) {
            throw new IllegalArgumentException("writers must be in [0, 64], got " + writers);
        }
        Objects.requireNonNull(knobPins, "knobPins");
    }

    public static RunConfig defaults(long seed) {
        return new RunConfig(
                seed,
                DEFAULT_NODES,
                Workload.KV,
                DEFAULT_OPS,
                DEFAULT_TIME_MS,
                NemesisSpec.parse("all"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
    }

    public RunConfig withSeed(long newSeed) {
        return with(newSeed, knobPins);
    }

    /** This config with {@code pins} instead of its knob pins. */
    public RunConfig withKnobPins(KnobPins pins) {
        return with(seed, pins);
    }

    private RunConfig with(long newSeed, KnobPins pins) {
        return new RunConfig(
                newSeed,
                nodes,
                workload,
                ops,
                timeMs,
                nemesis,
                readMode,
                clients,
                opTimeoutMs,
                unsafeAckBeforeFsync,
                readers,
                writers,
                pins);
    }

    /** The one command that reproduces this run, when it plays the input drawn from its seed. */
    public String reproCommand() {
        return reproCommand(null, null);
    }

    /**
     * The one command that reproduces this run when it plays a saved schedule and/or op list
     * ({@code run --schedule FILE --ops-file FILE}); a null file means "drawn from the seed". Every
     * option that shapes the run is spelled out, defaults included, so that a later change of a
     * default cannot change what an old repro runs. Engine knobs are part of the schedule: drawn
     * from the seed, or read from the schedule file.
     */
    public String reproCommand(Path scheduleFile, Path opsFile) {
        StringBuilder sb = new StringBuilder("./raftsim run --seed ").append(seed);
        sb.append(" --nodes ").append(nodes);
        sb.append(" --workload ").append(workload.cliName());
        sb.append(" --ops ").append(ops);
        sb.append(" --time ").append(formatDuration(timeMs));
        sb.append(" --nemesis ").append(nemesis.text());
        sb.append(" --read-mode ").append(readMode.cliName());
        sb.append(" --clients ").append(clients);
        if (readers > 0) {
            // Spelled out only when used, so that every repro written before readers existed
            // still reads the same.
            sb.append(" --readers ").append(readers);
        }
        if (writers > 0) {
            // Likewise: repros written before writers existed read the same.
            sb.append(" --writers ").append(writers);
        }
        for (String pin : knobPins.specs()) {
            // Likewise only when pinned: repros of drawn knobs read as before.
            sb.append(" --knob ").append(pin);
        }
        if (scheduleFile != null) {
            sb.append(" --schedule ").append(shellWord(scheduleFile.toString()));
        }
        if (opsFile != null) {
            sb.append(" --ops-file ").append(shellWord(opsFile.toString()));
        }
        if (unsafeAckBeforeFsync) {
            sb.append("   # with the test-only unsafeAckBeforeFsync storage wrapper");
        }
        return sb.toString();
    }

    /** A word a POSIX shell reads back unchanged: as is when plain, else in single quotes. */
    static String shellWord(String word) {
        if (!word.isEmpty()
                && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "_./:=,@+-".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String formatDuration(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** Parses {@code 60s}, {@code 1500ms}, {@code 2m}; a bare number is seconds. */
    public static long parseDurationMs(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return Long.parseLong(t.substring(0, t.length() - 1)) * 1000;
            }
            if (t.endsWith("m")) {
                return Long.parseLong(t.substring(0, t.length() - 1)) * 60_000;
            }
            return Long.parseLong(t) * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected e.g. 60s, 1500ms, 2m");
        }
    }
}
