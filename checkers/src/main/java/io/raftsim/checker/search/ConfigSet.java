package io.raftsim.checker.search;

/**
 * The memo of Lowe's search: configurations (set of linearized ops, model state) already explored.
 * A configuration reached again leads nowhere new, so the search prunes it; this is what turns the
 * Wing and Gong search from factorial into (mostly) linear on real histories.
 *
 * <p>Beyond equality, the memo prunes by dominance over ops that never returned ({@code info}): a
 * configuration with the same returned ops linearized and the same state, but a superset of info ops
 * already used, can do nothing that the one with fewer info ops used cannot (info ops have no return
 * to meet, so any continuation of the former is a continuation of the latter). Without this, every
 * pending info op doubles the configurations to explore when a history is not linearizable.
 *
 * <p>Entries are hashed on (returned-op set, state); the returned-op set is hashed incrementally
 * (Zobrist: the XOR of one fixed 64-bit code per op) so that a lookup does not rehash the bitset, and
 * sets are compared exactly, so a hash collision can never prune wrongly. Entries keep a compact copy
 * of their sets: returned ops are numbered in invocation order, so their bits are all ones up to the
 * concurrency window and zeros after it and only the window's words are kept; info-op bits are kept
 * whole (one word up to 64 info ops), packed in their group.
 *
 * <p>Configurations that share (returned-op set, state) and differ only in the info ops they used
 * form one group in one slot: the returned-op set is compared once per lookup, then only the group's
 * info sets are tested for dominance. Kept one slot each, they made one long probe chain of equal
 * hashes, each compared in full: a register history with 27 info ops spent 90% of its check there.
 */
final class ConfigSet {
    private long[] hashes;
    private int[] states;
    private long[][] definiteSets;
    /**
     * Per slot, its group's info sets laid end to end, {@link #infoStride} words each ({@code
     * groupSizes[i]} of them are in use): the dominance scan of a large group is a tight loop.
     */
    private long[][] infoSets;
    /** Words per info set: the length of the info bitsets the search passes (fixed per search). */
    private int infoStride = -1;

    private int[] groupSizes;
    /** Configurations stored (every group member counts). */
    private int size;
    /** Slots in use: one per distinct (returned-op set, state). */
    private int slots;

    private int mask;
    private long storedWords;

    ConfigSet() {
        int cap = 1 << 10;
        hashes = new long[cap];
        states = new int[cap];
        definiteSets = new long[cap][];
        infoSets = new long[cap][];
        groupSizes = new int[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Approximate bytes held, for the memory budget. */
    long bytes() {
        return (long) hashes.length * (8 + 4 + 8 + 8 + 4) + (long) slots * 40 + (long) size * 24 + 8L * storedWords;
    }

    /**
     * Adds the configuration unless it, or one that dominates it, is already there (then false).
     *
     * @param definiteHash Zobrist hash of {@code definite}
     * @param definite bits of the linearized ops that returned
     * @param info bits of the linearized ops that never returned
     */
    boolean add(long definiteHash, int state, long[] definite, long[] info) {
        if (infoStride != info.length) {
            if (infoStride >= 0) {
                throw new IllegalArgumentException(
                        "info bitsets must keep one length per search: " + infoStride + " then " + info.length);
            }
            infoStride = info.length;
        }
        long h = definiteHash ^ Mix.mix64(state + 0x9e3779b97f4a7c15L);
        long[] key = null;
        int i = (int) h & mask;
        while (definiteSets[i] != null) {
            if (hashes[i] == h && states[i] == state) {
                if (key == null) {
                    key = encode(definite);
                }
                if (java.util.Arrays.equals(definiteSets[i], key)) {
                    return addToGroup(i, info);
                }
            }
            i = (i + 1) & mask;
        }
        if (key == null) {
            key = encode(definite);
        }
        hashes[i] = h;
        states[i] = state;
        definiteSets[i] = key;
        infoSets[i] = java.util.Arrays.copyOf(info, infoStride);
        groupSizes[i] = 1;
        storedWords += key.length + infoStride;
        size++;
        slots++;
        if (slots * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    /** Adds {@code info} to slot {@code i}'s group unless a member's info set is a subset of it. */
    private boolean addToGroup(int i, long[] info) {
        long[] group = infoSets[i];
        int n = groupSizes[i];
        int stride = infoStride;
        if (stride == 1) {
            long notCurrent = ~info[0];
            for (int j = 0; j < n; j++) {
                if ((group[j] & notCurrent) == 0) {
                    return false;
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                if (isSubset(group, j * stride, stride, info)) {
                    return false;
                }
            }
        }
        if ((n + 1) * stride > group.length) {
            group = java.util.Arrays.copyOf(group, 2 * n * stride);
            infoSets[i] = group;
        }
        System.arraycopy(info, 0, group, n * stride, stride);
        groupSizes[i] = n + 1;
        storedWords += stride;
        size++;
        return true;
    }

    /** Whether the {@code stride} words at {@code from} in {@code stored} are a subset of {@code current}. */
    private static boolean isSubset(long[] stored, int from, int stride, long[] current) {
        for (int w = 0; w < stride; w++) {
            if ((stored[from + w] & ~current[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A unique compact encoding: [first non-full word, word count, those words...]. */
    static long[] encode(long[] definite) {
        int lo = 0;
        while (lo < definite.length && definite[lo] == -1L) {
            lo++;
        }
        int hi = definite.length - 1;
        while (hi >= lo && definite[hi] == 0L) {
            hi--;
        }
        int len = hi - lo + 1;
        long[] key = new long[2 + len];
        key[0] = lo;
        key[1] = len;
        System.arraycopy(definite, lo, key, 2, len);
        return key;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldStates = states;
        long[][] oldDefinite = definiteSets;
        long[][] oldInfo = infoSets;
        int[] oldGroupSizes = groupSizes;
        int cap = oldHashes.length * 2;
        hashes = new long[cap];
        states = new int[cap];
        definiteSets = new long[cap][];
        infoSets = new long[cap][];
        groupSizes = new int[cap];
        mask = cap - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldDefinite[j] != null) {
                int i = (int) oldHashes[j] & mask;
                while (definiteSets[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                states[i] = oldStates[j];
                definiteSets[i] = oldDefinite[j];
                infoSets[i] = oldInfo[j];
                groupSizes[i] = oldGroupSizes[j];
            }
        }
    }
}
