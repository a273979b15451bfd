package io.raftsim.workload.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine knobs a campaign pins instead of letting the swarm draw them ({@code --knob
 * electionTimeoutMs=150}): every other draw of the seed stays as it was (the knobs are drawn first
 * and overridden after), so a pinned campaign explores the same schedules and op lists on one point
 * of the configuration space. Names are {@link EngineKnobs}' components; values are checked here
 * against the ranges the engine and {@link EngineKnobs} accept, with a one-line message.
 *
 * <p>The heartbeat must stay at most a third of the election timeout. When only one of the two is
 * pinned, the other follows: a pinned election timeout keeps the drawn heartbeat's share of it
 * (rounded down to a tick, at least one tick), a pinned heartbeat raises a drawn election timeout
 * below three heartbeats to three heartbeats.
 *
 * @param values pinned knob name to canonical value text, in {@link #NAMES} order
 */
public record KnobPins(Map<String, String> values) {
    /** The engine counts time in ticks of this many ms: time knobs are multiples of it. */
    public static final long TICK_MS = 10;

    /** Knob names in {@link EngineKnobs} component order. */
    public static final List<String> NAMES = List.of(
            "electionTimeoutMs",
            "heartbeatIntervalMs",
            "maxAppendEntries",
            "maxInflightAppends",
            "snapshotIntervalEntries",
            "preVote",
            "checkQuorum");

    public static final KnobPins NONE = new KnobPins(Map.of());

    public KnobPins {
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown engine knob '" + name + "', known: " + String.join(",", NAMES));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (values.containsKey(name)) {
                ordered.put(name, values.get(name));
            }
        }
        values = Collections.unmodifiableMap(ordered);
    }

    /**
     * Parses {@code name=value} pins (one knob per entry; a knob named twice is refused). Throws
     * IllegalArgumentException with a one-line message naming the bad entry.
     */
    public static KnobPins parse(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException(
                        "bad --knob '" + spec + "': expected name=value, names: " + String.join(",", NAMES));
            }
            String name = spec.substring(0, eq).trim();
            String text = spec.substring(eq + 1).trim();
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown engine knob '" + name + "' in --knob '" + spec
                        + "', known: " + String.join(",", NAMES));
            }
            if (out.containsKey(name)) {
                throw new IllegalArgumentException("--knob " + name + " given twice");
            }
            out.put(name, canonical(name, text, spec));
        }
        if (out.containsKey("electionTimeoutMs") && out.containsKey("heartbeatIntervalMs")) {
            long e = Long.parseLong(out.get("electionTimeoutMs"));
            long h = Long.parseLong(out.get("heartbeatIntervalMs"));
            if (h * 3 > e) {
                throw new IllegalArgumentException("--knob heartbeatIntervalMs=" + h
                        + " must be at most a third of --knob electionTimeoutMs=" + e);
            }
        }
        return new KnobPins(out);
    }

    private static String canonical(String name, String text, String spec) {
        if (name.equals("preVote") || name.equals("checkQuorum")) {
            String t = text.toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("bad --knob '" + spec + "': " + name + " is true or false");
            }
            return t;
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad --knob '" + spec + "': " + name + " is a whole number");
        }
        long min;
        long max;
        boolean ticks = false;
        switch (name) {
            case "electionTimeoutMs" -> {
                min = 50;
                max = 5_000;
                ticks = true;
            }
            case "heartbeatIntervalMs" -> {
                min = TICK_MS;
                max = 5_000 / 3;
                ticks = true;
            }
            case "maxAppendEntries", "maxInflightAppends" -> {
                min = 1;
                max = 1 << 20;
            }
            case "snapshotIntervalEntries" -> {
                min = 10;
                max = 1 << 30;
            }
            default -> throw new IllegalStateException("no range for knob " + name);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(
                    "bad --knob '" + spec + "': " + name + " must be in [" + min + ", " + max + "], got " + v);
        }
        if (ticks && v % TICK_MS != 0) {
            throw new IllegalArgumentException(
                    "bad --knob '" + spec + "': " + name + " must be a multiple of the " + TICK_MS + " ms tick");
        }
        return Long.toString(v);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code name=value} per pin, in {@link #NAMES} order: the CLI words that pin them again. */
    public List<String> specs() {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** {@code drawn} with the pinned knobs in place (see the class comment for the heartbeat). */
    public EngineKnobs apply(EngineKnobs drawn) {
        if (values.isEmpty()) {
            return drawn;
        }
        long election = num("electionTimeoutMs", drawn.electionTimeoutMs());
        long heartbeat = num("heartbeatIntervalMs", drawn.heartbeatIntervalMs());
        boolean electionPinned = values.containsKey("electionTimeoutMs");
        boolean heartbeatPinned = values.containsKey("heartbeatIntervalMs");
        if (electionPinned && !heartbeatPinned) {
            long share = election * drawn.heartbeatIntervalMs() / drawn.electionTimeoutMs() / TICK_MS * TICK_MS;
            heartbeat = Math.max(TICK_MS, Math.min(share, election / 3 / TICK_MS * TICK_MS));
        } else if (heartbeatPinned && !electionPinned && heartbeat * 3 > election) {
            election = heartbeat * 3;
        }
        return new EngineKnobs(
                election,
                heartbeat,
                (int) num("maxAppendEntries", drawn.maxAppendEntries()),
                (int) num("maxInflightAppends", drawn.maxInflightAppends()),
                (int) num("snapshotIntervalEntries", drawn.snapshotIntervalEntries()),
                bool("preVote", drawn.preVote()),
                bool("checkQuorum", drawn.checkQuorum()));
    }

    private long num(String name, long drawn) {
        String v = values.get(name);
        return v == null ? drawn : Long.parseLong(v);
    }

    private boolean bool(String name, boolean drawn) {
        String v = values.get(name);
        return v == null ? drawn : Boolean.parseBoolean(v);
    }
}
