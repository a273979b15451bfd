package io.raftsim.harness.bench;

import io.raftsim.engine.storage.log.LogSyncPolicy;
import io.raftsim.harness.cluster.EngineTuning;
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
 * <p>Options: {@code preVote}, {@code checkQuorum}, {@code stickiness} (leader stickiness,
 * dissertation §4.2.3; unset it follows checkQuorum), {@code electionTimeoutMs} (the engine draws
 * the timeout from {@code [t, 2t)}, Raft paper §5.2; the heartbeat keeps the base ratio unless
 * {@code heartbeatIntervalMs} is given), {@code batch} (most entries per AppendEntries),
 * {@code pipeline} (AppendEntries in flight per follower), {@code fsync} ({@code batched}: group
 * commit, or {@code per-entry}), {@code readMode} ({@code log}, {@code read-index} or {@code
 * lease}: how the clients read), {@code snapshotEvery} (entries between snapshots). Anything else,
 * and any combination the engine refuses, is a usage error before a seed runs.
 */
public record Variant(String name, Map<String, String> options) {
    static final String KNOWN = "preVote, checkQuorum, stickiness, electionTimeoutMs, heartbeatIntervalMs, batch,"
            + " pipeline, fsync, readMode, snapshotEvery";

    public Variant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        options = Map.copyOf(options);
        // Validate now, so a bad option is a usage error before any seed runs.
        EngineKnobs k = applyTo(EngineKnobs.DEFAULTS, options);
        ReadMode rm = readMode(options);
        EngineTuning t = tuning(options);
        if (rm == ReadMode.LEASE && (!k.checkQuorum() || t.stickiness() == EngineTuning.Stickiness.OFF)) {
            // The lease rests on followers refusing votes while they hear from the leader
            // (dissertation §6.4.1): the engine refuses lease reads without both.
            throw new IllegalArgumentException("variant " + name
                    + ": readMode=lease needs checkQuorum and stickiness on (the lease rests on them)");
        }
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

    /** The options this variant sets beyond the swarm's knobs. */
    public EngineTuning tuning() {
        return tuning(options);
    }

    private static EngineTuning tuning(Map<String, String> options) {
        EngineTuning.Stickiness sticky = EngineTuning.Stickiness.WITH_CHECK_QUORUM;
        String st = options.get("stickiness");
        if (st != null) {
            sticky = bool("stickiness", st) ? EngineTuning.Stickiness.ON : EngineTuning.Stickiness.OFF;
        }
        LogSyncPolicy sync = LogSyncPolicy.BATCHED;
        String f = options.get("fsync");
        if (f != null) {
            sync = switch (f.toLowerCase(Locale.ROOT)) {
                case "batched", "group" -> LogSyncPolicy.BATCHED;
                case "per-entry", "per-write" -> LogSyncPolicy.PER_ENTRY;
                default -> throw new IllegalArgumentException("fsync must be batched or per-entry, got " + f);
            };
        }
        return new EngineTuning(sticky, sync);
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
        if (v.equalsIgnoreCase("read-index")) {
            return ReadMode.READ_INDEX;
        }
        if (v.equalsIgnoreCase("lease")) {
            return ReadMode.LEASE;
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
        int snapshotEvery = b.snapshotIntervalEntries();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "preVote" -> preVote = bool(e.getKey(), v);
                case "checkQuorum" -> checkQuorum = bool(e.getKey(), v);
                case "electionTimeoutMs" -> election = number(e.getKey(), v);
                case "heartbeatIntervalMs" -> heartbeat = number(e.getKey(), v);
                case "batch" -> batch = (int) number(e.getKey(), v);
                case "pipeline" -> pipeline = (int) number(e.getKey(), v);
                case "snapshotEvery" -> snapshotEvery = (int) number(e.getKey(), v);
                case "readMode", "stickiness", "fsync" -> {
                    // checked by readMode(options) and tuning(options)
                }
                default ->
                    throw new IllegalArgumentException("unknown variant option '" + e.getKey() + "', known: " + KNOWN);
            }
        }
        if (options.containsKey("electionTimeoutMs") && !options.containsKey("heartbeatIntervalMs")) {
            // Keep the base ratio so that a longer timeout is not refused for a too-short heartbeat.
            heartbeat = Math.max(10, election * b.heartbeatIntervalMs() / b.electionTimeoutMs() / 10 * 10);
        }
        return new EngineKnobs(election, heartbeat, batch, pipeline, snapshotEvery, preVote, checkQuorum);
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
