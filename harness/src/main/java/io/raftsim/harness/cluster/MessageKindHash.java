package io.raftsim.harness.cluster;

import io.raftsim.sim.StableHash;
import java.util.Arrays;

/**
 * The stable hash of a message's kind (its class's simple name), which goes into every network
 * event's trace digest. Same value as {@code StableHash.of(type.getSimpleName())}, so trace hashes
 * do not change, but computed once per class: hashing the name's UTF-8 bytes per send was one of
 * the costliest things the simulator did per event.
 *
 * <p>One table per cluster, so one simulation thread owns it and it needs no locking (a shared
 * {@code ClassValue} cost a boxed {@code Long} and a few percent of the run per send). There are
 * about a dozen message classes, so a scan of their identities is faster than any map; the most
 * recent hit is checked first, as a node tends to send runs of one kind.
 */
final class MessageKindHash {
    private Class<?>[] types = new Class<?>[16];
    private long[] hashes = new long[16];
    private int size;
    private int lastHit;

    long of(Class<?> type) {
        if (types[lastHit] == type) {
            return hashes[lastHit];
        }
        for (int i = 0; i < size; i++) {
            if (types[i] == type) {
                lastHit = i;
                return hashes[i];
            }
        }
        if (size == types.length) {
            types = Arrays.copyOf(types, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        types[size] = type;
        hashes[size] = StableHash.of(type.getSimpleName());
        lastHit = size;
        return hashes[size++];
    }
}
