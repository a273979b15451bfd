package io.raftsim.harness.bench;

import io.raftsim.harness.run.ReadMode;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One protocol variant of {@code raftsim bench}: a name and the options it overrides, written
 * {@code name=opt=value,opt=value} on the command line (for example
 * {@code no-prevote=preVote=false}). Options not named keep the benchmark's base values, so two
 * variants differ exactly in what they name.
 *
 * <p>Options the engine offers: {@code preVote}, {@code checkQuorum}, {@code electionTimeoutMs}
 * (the engine draws the timeout from {@code [t, 2t)}, Raft paper §5.2), {@code heartbeatIntervalMs},
 * {@code batch} (most entries per AppendEntries), {@code pipeline} (AppendEntries in flight per
 * follower), {@code readMode} ({@code log} only until the harness's clients read through ReadIndex or the lease). Options the
 * engine does not offer are refused with the reason, never silently ignored.
 */
public record Variant(String name, Map<String, String> options) {
    /** Options a user may expect that this engine cannot vary, and why. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "stickiness", "the engine's leader stickiness is part of checkQuorum (dissertation §9.6): vary checkQuorum",
            "fsync",
                    "the segmented log always group-commits (one fsync for the appends queued behind a sync);"
                            + " there is no per-write fsync policy to vary",
            "snapshotInterval", "the harness does not drive snapshots yet");

    public Variant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        options = Map.copyOf(options);
        // Validate now, so a bad option is a usage error before any seed runs.
        applyTo(EngineKnobs.DEFAULTS, options);
        readMode(options);
    }

    /** Parses {@code name=opt=value,opt=value}; a bare {@code name} is the base configuration. */
    public static Variant parse(String text) {
        String t = text.trim();
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        Map<String, String> opts = new LinkedHashMap<>();
        if (eq >= 0) {
            for (String part : t.substring(eq + 1).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int e = part.indexOf('=');
                if (e <= 0 || e == part.length() - 1) {
                    throw new IllegalArgumentException(
                            "variant '" + text + "': option '" + part + "' must be opt=value");
                }
                String key = part.substring(0, e).trim();
                if (opts.put(key, part.substring(e + 1).trim()) != null) {
                    throw new IllegalArgumentException("variant '" + text + "' sets " + key + " twice");
                }
            }
        }
        return new Variant(name, opts);
    }

    /** The knobs of this variant: {@code base} with this variant's overrides. */
    public EngineKnobs knobs(EngineKnobs base) {
        return applyTo(base, options);
    }

    public ReadMode readMode() {
        return readMode(options);
    }

    /** {@code name: opt=value, ...} for tables. */
    public String describe() {
        return options.isEmpty() ? "(base)" : new java.util.TreeMap<>(options).toString();
    }

    private static ReadMode readMode(Map<String, String> options) {
        String v = options.get("readMode");
        if (v == null || v.equalsIgnoreCase("log")) {
            return ReadMode.LOG;
        }
        if (v.equalsIgnoreCase("read-index") || v.equalsIgnoreCase("lease")) {
            throw new IllegalArgumentException("readMode=" + v
                    + " needs clients that read through ReadIndex or the lease: the engine offers both, the harness's"
                    + " clients do not use them yet");
        }
        throw new IllegalArgumentException("readMode must be log, read-index or lease, got " + v);
    }

    private static EngineKnobs applyTo(EngineKnobs b, Map<String, String> options) {
        long election = b.electionTimeoutMs();
        long heartbeat = b.heartbeatIntervalMs();
        int batch = b.maxAppendEntries();
        int pipeline = b.maxInflightAppends();
        boolean preVote = b.preVote();
        boolean checkQuorum = b.checkQuorum();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "preVote" -> preVote = bool(e.getKey(), v);
                case "checkQuorum" -> checkQuorum = bool(e.getKey(), v);
                case "electionTimeoutMs" -> election = number(e.getKey(), v);
                case "heartbeatIntervalMs" -> heartbeat = number(e.getKey(), v);
                case "batch" -> batch = (int) number(e.getKey(), v);
                case "pipeline" -> pipeline = (int) number(e.getKey(), v);
                case "readMode" -> {
                    // checked by readMode(options)
                }
                default -> {
                    String why = UNSUPPORTED.get(e.getKey());
                    throw new IllegalArgumentException(
                            why != null
                                    ? "option " + e.getKey() + " is not supported: " + why
                                    : "unknown variant option '" + e.getKey()
                                            + "', known: preVote, checkQuorum, electionTimeoutMs, heartbeatIntervalMs,"
                                            + " batch, pipeline, readMode");
                }
            }
        }
        if (options.containsKey("electionTimeoutMs") && !options.containsKey("heartbeatIntervalMs")) {
            // Keep the base ratio so that a longer timeout is not refused for a too-short heartbeat.
            heartbeat = Math.max(10, election * b.heartbeatIntervalMs() / b.electionTimeoutMs() / 10 * 10);
        }
        return new EngineKnobs(election, heartbeat, batch, pipeline, b.snapshotIntervalEntries(), preVote, checkQuorum);
    }

    private static boolean bool(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got " + v);
        };
    }

    private static long number(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + v);
        }
    }
}
