package io.raftsim.harness.shrink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", IEEE TSE
 * 2002): split the input into n chunks; keep a chunk alone if it still fails, else keep a
 * complement if that still fails, else double n. The result is 1-minimal: removing any single
 * element makes the failure go away. Works on index lists so equal elements (two identical ops)
 * stay distinct, and never asks the same subset twice.
 */
public final class DeltaDebugging {
    private DeltaDebugging() {}

    /**
     * The smallest sub-list of {@code items} (order kept) for which {@code fails} holds, found by
     * ddmin. {@code fails(items)} is assumed true and is not asked. The predicate may throw to stop
     * the search (a spent budget); the caller then keeps whatever the predicate last accepted.
     */
    public static <T> List<T> minimize(List<T> items, Predicate<List<T>> fails) {
        return minimize(items, fails, Integer.MAX_VALUE);
    }

    /**
     * ddmin that splits into at most {@code maxChunks} chunks: a coarse pass that costs at most
     * about {@code 2 * maxChunks} runs per reduction, so cheaper passes get their turn before a long
     * list is taken apart element by element.
     */
    public static <T> List<T> minimize(List<T> items, Predicate<List<T>> fails, int maxChunks) {
        if (maxChunks < 2) {
            throw new IllegalArgumentException("maxChunks must be >= 2, got " + maxChunks);
        }
        Set<List<Integer>> asked = new HashSet<>();
        Predicate<List<Integer>> test = idx -> {
            if (!asked.add(idx)) {
                return false;
            }
            return fails.test(pick(items, idx));
        };
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            current.add(i);
        }
        asked.add(List.copyOf(current));
        if (!current.isEmpty() && test.test(List.of())) {
            return List.of();
        }
        int n = 2;
        while (current.size() >= 2) {
            List<List<Integer>> chunks = split(current, n);
            boolean reduced = false;
            for (List<Integer> chunk : chunks) {
                if (test.test(chunk)) {
                    current = chunk;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced && n > 2) {
                for (int c = 0; c < chunks.size(); c++) {
                    List<Integer> complement = new ArrayList<>();
                    for (int d = 0; d < chunks.size(); d++) {
                        if (d != c) {
                            complement.addAll(chunks.get(d));
                        }
                    }
                    if (test.test(List.copyOf(complement))) {
                        current = List.copyOf(complement);
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced) {
                if (n >= current.size() || n >= maxChunks) {
                    break;
                }
                n = Math.min(Math.min(current.size(), maxChunks), 2 * n);
            }
        }
        return pick(items, current);
    }

    static List<List<Integer>> split(List<Integer> xs, int n) {
        List<List<Integer>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (xs.size() - start) / (n - i);
            out.add(List.copyOf(xs.subList(start, end)));
            start = end;
        }
        return out;
    }

    private static <T> List<T> pick(List<T> items, List<Integer> idx) {
        List<T> out = new ArrayList<>(idx.size());
        for (int i : idx) {
            out.add(items.get(i));
        }
        return out;
    }
}
