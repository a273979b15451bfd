package io.raftsim.checker.search;

import java.util.Arrays;

/**
 * The memo of Lowe's search: the set of configurations (set of linearized ops, model state) already
 * explored. A configuration reached again leads nowhere new, so the search prunes it; this is what
 * turns the Wing and Gong search from factorial into (mostly) linear on real histories.
 *
 * <p>The linearized set is hashed incrementally (Zobrist: the XOR of one fixed 64-bit code per op) so
 * that a lookup does not rehash the bitset; the bitset is compared only on a hash match. Each entry
 * keeps its own copy of the bitset words.
 */
final class ConfigSet {
    private long[] hashes;
    private int[] states;
    private long[][] sets;
    private int size;
    private int mask;
    private final int words;

    ConfigSet(int words) {
        this.words = words;
        int cap = 1 << 10;
        hashes = new long[cap];
        states = new int[cap];
        sets = new long[cap][];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Approximate bytes held, for the memory budget. */
    long bytes() {
        return (long) hashes.length * (8 + 4 + 8) + (long) size * (16 + 8L * words);
    }

    /** Adds the configuration; false when it was already there. */
    boolean add(long setHash, int state, long[] set) {
        long h = setHash ^ Mix.mix64(state + 0x9e3779b97f4a7c15L);
        int i = (int) h & mask;
        while (sets[i] != null) {
            if (hashes[i] == h && states[i] == state && Arrays.equals(sets[i], set)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        states[i] = state;
        sets[i] = set.clone();
        size++;
        if (size * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldStates = states;
        long[][] oldSets = sets;
        int cap = oldHashes.length * 2;
        hashes = new long[cap];
        states = new int[cap];
        sets = new long[cap][];
        mask = cap - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldSets[j] != null) {
                int i = (int) oldHashes[j] & mask;
                while (sets[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                states[i] = oldStates[j];
                sets[i] = oldSets[j];
            }
        }
    }
}
