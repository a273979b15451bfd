package io.raftsim.harness.cluster;

import io.raftsim.sim.StableHash;

/**
 * The stable hash of a message's kind (its class's simple name), which goes into every network
 * event's trace digest. Computed once per class instead of once per message: hashing the name's
 * UTF-8 bytes per send was one of the costliest things the simulator did per event. Same value as
 * {@code StableHash.of(type.getSimpleName())}, so trace hashes do not change.
 */
final class MessageKindHash {
    private static final ClassValue<Long> HASHES = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            return StableHash.of(type.getSimpleName());
        }
    };

    private MessageKindHash() {}

    static long of(Class<?> type) {
        return HASHES.get(type);
    }
}
