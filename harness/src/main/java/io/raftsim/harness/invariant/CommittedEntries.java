package io.raftsim.harness.invariant;

import java.util.Arrays;

/**
 * The entries known committed, by log index: term, payload digest, the first node that committed
 * it, and whether a client was acknowledged for it. Log indexes are dense and start at 1, so plain
 * arrays indexed by the log index replace a sorted map: every apply on every node and every client
 * acknowledgement looks an entry up here, and boxing a key and a value for each was a measurable
 * share of a fuzz campaign's CPU.
 */
final class CommittedEntries {
    private long[] terms = new long[1024];
    private long[] digests = new long[1024];
    private int[] firstNodes = new int[1024];
    private boolean[] present = new boolean[1024];
    private boolean[] acked = new boolean[1024];
    /**
     * Per index, the lowest current term of a node that applied it: the entry was committed by a
     * leader of at most that term (a node learns a commit index only from a leader of its term or an
     * earlier one), so every leader of a later term must hold it. Long.MAX_VALUE while unknown.
     */
    private long[] termBounds = filled(1024);

    private long count;
    private long maxIndex;

    /** Number of distinct committed indexes. */
    long count() {
        return count;
    }

    /** The highest committed index, or 0 when none is. */
    long maxIndex() {
        return maxIndex;
    }

    boolean has(long index) {
        return index > 0 && index <= maxIndex && present[(int) index];
    }

    long termAt(long index) {
        return terms[(int) index];
    }

    long digestAt(long index) {
        return digests[(int) index];
    }

    int firstNodeAt(long index) {
        return firstNodes[(int) index];
    }

    /** A term no higher than which some leader committed {@code index}; MAX_VALUE if unknown. */
    long committedByTermAt(long index) {
        return termBounds[(int) index];
    }

    /** A node in {@code nodeTerm} applied {@code index}: lower the index's term bound. */
    void noteAppliedInTerm(long index, long nodeTerm) {
        int i = slot(index);
        termBounds[i] = Math.min(termBounds[i], nodeTerm);
    }

    boolean acked(long index) {
        return index > 0 && index < acked.length && acked[(int) index];
    }

    /** Records (term, digest) at {@code index}, committed first by {@code node}; must be absent. */
    void put(long index, long term, long digest, int node) {
        int i = slot(index);
        terms[i] = term;
        digests[i] = digest;
        firstNodes[i] = node;
        present[i] = true;
        count++;
        maxIndex = Math.max(maxIndex, index);
    }

    /** Marks {@code index} as acknowledged to a client (whether or not it is recorded yet). */
    void markAcked(long index) {
        acked[slot(index)] = true;
    }

    /** The array slot of a log index, growing the arrays to hold it. */
    private int slot(long index) {
        if (index <= 0 || index >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("committed log index out of range: " + index);
        }
        int i = (int) index;
        if (i >= terms.length) {
            int n = Math.max(i + 1, terms.length * 2);
            terms = Arrays.copyOf(terms, n);
            digests = Arrays.copyOf(digests, n);
            firstNodes = Arrays.copyOf(firstNodes, n);
            present = Arrays.copyOf(present, n);
            acked = Arrays.copyOf(acked, n);
            int old = termBounds.length;
            termBounds = Arrays.copyOf(termBounds, n);
            Arrays.fill(termBounds, old, n, Long.MAX_VALUE);
        }
        return i;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }
}
