package io.raftsim.checker.search;

import java.util.Arrays;

/**
 * The memo of Lowe's search: the set of configurations (set of linearized ops, model state) already
 * explored. A configuration reached again leads nowhere new, so the search prunes it; this is what
 * turns the Wing and Gong search from factorial into (mostly) linear on real histories.
 *
 * <p>The linearized set is hashed incrementally (Zobrist: the XOR of one fixed 64-bit code per op) so
 * that a lookup does not rehash the bitset; sets are compared exactly on a hash match, so a hash
 * collision can never prune a configuration wrongly. Each entry keeps a compact copy of its set: ops
 * that returned are numbered in invocation order, so their bits are all ones up to the concurrency
 * window and all zeros after it, and only the window's words are kept; the bits of info ops (which
 * may stay unlinearized forever) live in a separate array, trimmed of trailing zero words.
 */
final class ConfigSet {
    private long[] hashes;
    private int[] states;
    private long[][] sets;
    private int size;
    private int mask;
    private long storedWords;

    ConfigSet() {
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
        return (long) hashes.length * (8 + 4 + 8) + (long) size * 24 + 8L * storedWords;
    }

    /**
     * Adds the configuration (the union of the bits in {@code definite} and {@code info}, and the
     * state); false when it was already there.
     */
    boolean add(long setHash, int state, long[] definite, long[] info) {
        long h = setHash ^ Mix.mix64(state + 0x9e3779b97f4a7c15L);
        long[] key = encode(definite, info);
        int i = (int) h & mask;
        while (sets[i] != null) {
            if (hashes[i] == h && states[i] == state && Arrays.equals(sets[i], key)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        states[i] = state;
        sets[i] = key;
        storedWords += key.length;
        size++;
        if (size * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    /** A unique compact encoding: [first non-full word, word count, those words..., info words...]. */
    static long[] encode(long[] definite, long[] info) {
        int lo = 0;
        while (lo < definite.length && definite[lo] == -1L) {
            lo++;
        }
        int hi = definite.length - 1;
        while (hi >= lo && definite[hi] == 0L) {
            hi--;
        }
        int infoLen = info.length;
        while (infoLen > 0 && info[infoLen - 1] == 0L) {
            infoLen--;
        }
        int defLen = hi - lo + 1;
        long[] key = new long[2 + defLen + infoLen];
        key[0] = lo;
        key[1] = defLen;
        System.arraycopy(definite, lo, key, 2, defLen);
        System.arraycopy(info, 0, key, 2 + defLen, infoLen);
        return key;
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
