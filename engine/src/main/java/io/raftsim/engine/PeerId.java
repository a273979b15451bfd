package io.raftsim.engine;

import java.util.Objects;

/**
 * A raft peer, as braft's {@code PeerId}: an endpoint plus an index so that several replicas may
 * share one endpoint. Written {@code endpoint} or {@code endpoint:idx}; ordered so that sorted
 * collections of peers iterate deterministically.
 */
public record PeerId(String endpoint, int idx) implements Comparable<PeerId> {
    public PeerId {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isBlank() || endpoint.indexOf(',') >= 0) {
            throw new IllegalArgumentException("PeerId endpoint must be non-blank without ',', got '" + endpoint + "'");
        }
        if (idx < 0) {
            throw new IllegalArgumentException("PeerId idx must be >= 0, got " + idx);
        }
    }

    public static PeerId of(String endpoint) {
        return new PeerId(endpoint, 0);
    }

    /** Parses {@code endpoint} or {@code endpoint:idx} where idx is the text after the last ':'. */
    public static PeerId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0) {
            String tail = text.substring(colon + 1);
            if (!tail.isEmpty() && tail.chars().allMatch(Character::isDigit)) {
                return new PeerId(text.substring(0, colon), Integer.parseInt(tail));
            }
        }
        return new PeerId(text, 0);
    }

    // equals/hashCode/compareTo by hand, with an identity fast path: peers are looked up in the
    // core's sorted maps on every message, and mostly compared with the very same instance.
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PeerId p && idx == p.idx && endpoint.equals(p.endpoint));
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode() * 31 + idx;
    }

    @Override
    public int compareTo(PeerId o) {
        if (this == o) {
            return 0;
        }
        int c = endpoint.compareTo(o.endpoint);
        return c != 0 ? c : Integer.compare(idx, o.idx);
    }

    @Override
    public String toString() {
        return idx == 0 ? endpoint : endpoint + ":" + idx;
    }
}
