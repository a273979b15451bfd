package io.raftsim.engine;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A cluster configuration (braft's {@code Configuration}): voting peers and non-voting learners,
 * sorted so that iteration is deterministic. Written {@code "a,b,c"} or {@code "a,b/l1,l2"} (peers,
 * then learners after a slash).
 */
public record Configuration(SortedSet<PeerId> peers, SortedSet<PeerId> learners) {
    public Configuration {
        peers = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(peers, "peers")));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(learners, "learners")));
        for (PeerId l : learners) {
            if (peers.contains(l)) {
                throw new IllegalArgumentException("peer " + l + " is both a voter and a learner in " + peers);
            }
        }
    }

    public static Configuration of(PeerId... peers) {
        return new Configuration(new TreeSet<>(java.util.List.of(peers)), new TreeSet<>());
    }

    public static Configuration parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("configuration '" + text + "' has more than one '/'");
        }
        return new Configuration(parseList(parts[0]), parts.length == 2 ? parseList(parts[1]) : new TreeSet<>());
    }

    private static SortedSet<PeerId> parseList(String s) {
        SortedSet<PeerId> out = new TreeSet<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(PeerId.parse(p.trim()));
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return peers.isEmpty();
    }

    public boolean contains(PeerId peer) {
        return peers.contains(peer);
    }

    @Override
    public String toString() {
        String p = String.join(",", peers.stream().map(PeerId::toString).toList());
        return learners.isEmpty()
                ? p
                : p + "/"
                        + String.join(
                                ",", learners.stream().map(PeerId::toString).toList());
    }
}
