package io.raftsim.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The root seed and the named streams derived from it. A stream's seed depends only on the root
 * seed and the stream's name, never on which other streams exist or how much they were used, so
 * adding a fault kind (a new stream) does not shift the network's draws (DESIGN.md section 2).
 */
public final class RandomStreams {
    private final long rootSeed;
    private final Map<String, RandomStream> streams = new LinkedHashMap<>();

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    public long rootSeed() {
        return rootSeed;
    }

    /** The stream called {@code name}: the same instance every time it is asked for. */
    public RandomStream stream(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("stream name must be non-empty, got '" + name + "'");
        }
        return streams.computeIfAbsent(name, n -> new RandomStream(n, streamSeed(rootSeed, n)));
    }

    /** The seed of stream {@code name} under {@code rootSeed}: a pure function of the two. */
    public static long streamSeed(long rootSeed, String name) {
        return StableHash.combine(StableHash.mix(rootSeed), StableHash.of(name));
    }

    /** Names of the streams handed out so far, in the order they were first asked for. */
    public Set<String> names() {
        return Collections.unmodifiableSet(streams.keySet());
    }
}
