package io.raftsim.harness.invariant;

import java.util.Arrays;

/**
 * What one node's raft log holds, as the invariant monitor sees it through the storage wrapper:
 * term and payload digest per index, from {@code firstIndex} to {@code lastIndex}. Primitive arrays,
 * because it is updated on every append of every node.
 */
final class LogMirror {
    private long firstIndex = 1;
    private long[] terms = new long[64];
    private long[] digests = new long[64];
    private int size;

    long firstIndex() {
        return firstIndex;
    }

    long lastIndex() {
        return firstIndex + size - 1;
    }

    boolean has(long index) {
        return index >= firstIndex && index <= lastIndex();
    }

    long termAt(long index) {
        return has(index) ? terms[(int) (index - firstIndex)] : 0;
    }

    long digestAt(long index) {
        return has(index) ? digests[(int) (index - firstIndex)] : 0;
    }

    void append(long index, long term, long digest) {
        if (index != lastIndex() + 1) {
            throw new InvariantViolation(
                    "log-contiguity", "append at index " + index + " but the log ends at " + lastIndex());
        }
        if (size == terms.length) {
            terms = Arrays.copyOf(terms, size * 2);
            digests = Arrays.copyOf(digests, size * 2);
        }
        terms[size] = term;
        digests[size] = digest;
        size++;
    }

    /** Keeps entries up to {@code lastKept}. */
    void truncateSuffix(long lastKept) {
        if (lastKept < lastIndex()) {
            size = (int) Math.max(0, lastKept - firstIndex + 1);
        }
    }

    /** Drops entries before {@code firstKept}. */
    void truncatePrefix(long firstKept) {
        if (firstKept <= firstIndex) {
            return;
        }
        if (firstKept > lastIndex()) {
            reset(firstKept);
            return;
        }
        int drop = (int) (firstKept - firstIndex);
        System.arraycopy(terms, drop, terms, 0, size - drop);
        System.arraycopy(digests, drop, digests, 0, size - drop);
        size -= drop;
        firstIndex = firstKept;
    }

    void reset(long nextIndex) {
        firstIndex = nextIndex;
        size = 0;
    }
}
