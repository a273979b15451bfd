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
 * trimmed of trailing zero words.
 */
final class ConfigSet {
    private long[] hashes;
    private int[] states;
    private long[][] definiteSets;
    private long[][] infoSets;
    private int size;
    private int mask;
    private long storedWords;

    ConfigSet() {
        int cap = 1 << 10;
        hashes = new long[cap];
        states = new int[cap];
        definiteSets = new long[cap][];
        infoSets = new long[cap][];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Approximate bytes held, for the memory budget. */
    long bytes() {
        return (long) hashes.length * (8 + 4 + 8 + 8) + (long) size * 48 + 8L * storedWords;
    }

    /**
     * Adds the configuration unless it, or one that dominates it, is already there (then false).
     *
     * @param definiteHash Zobrist hash of {@code definite}
     * @param definite bits of the linearized ops that returned
     * @param info bits of the linearized ops that never returned
     */
    boolean add(long definiteHash, int state, long[] definite, long[] info) {
        long h = definiteHash ^ Mix.mix64(state + 0x9e3779b97f4a7c15L);
        long[] key = null;
        int i = (int) h & mask;
        while (definiteSets[i] != null) {
            if (hashes[i] == h && states[i] == state) {
                if (key == null) {
                    key = encode(definite);
                }
                if (java.util.Arrays.equals(definiteSets[i], key) && isSubset(infoSets[i], info)) {
                    return false;
                }
            }
            i = (i + 1) & mask;
        }
        if (key == null) {
            key = encode(definite);
        }
        long[] infoKey = trim(info);
        hashes[i] = h;
        states[i] = state;
        definiteSets[i] = key;
        infoSets[i] = infoKey;
        storedWords += key.length + infoKey.length;
        size++;
        if (size * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    private static boolean isSubset(long[] stored, long[] current) {
        for (int w = 0; w < stored.length; w++) {
            if ((stored[w] & ~current[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static final long[] NONE = new long[0];

    private static long[] trim(long[] info) {
        int len = info.length;
        while (len > 0 && info[len - 1] == 0L) {
            len--;
        }
        return len == 0 ? NONE : java.util.Arrays.copyOf(info, len);
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
        int cap = oldHashes.length * 2;
        hashes = new long[cap];
        states = new int[cap];
        definiteSets = new long[cap][];
        infoSets = new long[cap][];
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
            }
        }
    }
}
