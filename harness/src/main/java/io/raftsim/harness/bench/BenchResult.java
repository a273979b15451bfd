package io.raftsim.harness.bench;

import java.util.List;

/** A finished benchmark: its settings and one result per variant, in the order given. */
public record BenchResult(BenchSettings settings, List<VariantResult> variants) {
    public BenchResult {
        variants = List.copyOf(variants);
    }

    public VariantResult variant(String name) {
        return variants.stream()
                .filter(v -> v.variant().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant named " + name));
    }
}
