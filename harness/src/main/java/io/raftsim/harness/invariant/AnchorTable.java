package io.raftsim.harness.invariant;

import java.util.Arrays;
import java.util.HashMap;

/**
 * For log matching: per (index, term), the entry the first node to hold it had there, the term
 * before it, and that node. Every append of every node consults it, so the usual case, one term
 * per index, lives in arrays indexed by the log index; only the rare second term at an index (a
 * leader overwrote an uncommitted suffix) goes to a map.
 */
final class AnchorTable {
    /** What any node holding (index, term) must agree on. */
    private record Anchor(long digest, long prevTerm, int firstNode) {}

    private record IndexTerm(long index, long term) {}

    private long[] terms = new long[1024];
    private long[] digests = new long[1024];
    private long[] prevTerms = new long[1024];
    private int[] firstNodes = new int[1024];
    private boolean[] present = new boolean[1024];
    private final HashMap<IndexTerm, Anchor> others = new HashMap<>();

    /**
     * Node {@code node} holds (index, term) with payload {@code digest} after an entry of term
     * {@code prevTerm} (-1: the entry is the first of its log). The first holder sets what the
     * others must agree on; a holder that disagrees breaks log matching.
     */
    void hold(int node, long index, long term, long digest, long prevTerm) {
        int i = slot(index);
        if (!present[i]) {
            terms[i] = term;
            digests[i] = digest;
            prevTerms[i] = prevTerm;
            firstNodes[i] = node;
            present[i] = true;
            return;
        }
        if (terms[i] == term) {
            verify(node, index, term, digest, prevTerm, digests[i], prevTerms[i], firstNodes[i]);
            return;
        }
        Anchor a = others.putIfAbsent(new IndexTerm(index, term), new Anchor(digest, prevTerm, node));
        if (a != null) {
            verify(node, index, term, digest, prevTerm, a.digest(), a.prevTerm(), a.firstNode());
        }
    }

    private static void verify(
            int node,
            long index,
            long term,
            long digest,
            long prevTerm,
            long anchorDigest,
            long anchorPrevTerm,
            int anchorNode) {
        if (anchorDigest != digest) {
            throw new InvariantViolation(
                    "log-matching",
                    "nodes " + anchorNode + " and " + node + " hold different entries at " + index + "@" + term);
        }
        if (prevTerm >= 0 && anchorPrevTerm >= 0 && anchorPrevTerm != prevTerm) {
            throw new InvariantViolation(
                    "log-matching",
                    "nodes " + anchorNode + " and " + node + " agree on " + index + "@" + term
                            + " but not on the entry before it: term " + anchorPrevTerm + " vs " + prevTerm + " at "
                            + (index - 1));
        }
    }

    /** The array slot of a log index, growing the arrays to hold it. */
    private int slot(long index) {
        if (index <= 0 || index >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("log index out of range: " + index);
        }
        int i = (int) index;
        if (i >= terms.length) {
            int n = Math.max(i + 1, terms.length * 2);
            terms = Arrays.copyOf(terms, n);
            digests = Arrays.copyOf(digests, n);
            prevTerms = Arrays.copyOf(prevTerms, n);
            firstNodes = Arrays.copyOf(firstNodes, n);
            present = Arrays.copyOf(present, n);
        }
        return i;
    }
}
