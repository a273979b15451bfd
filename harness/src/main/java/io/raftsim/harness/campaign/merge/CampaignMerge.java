package io.raftsim.harness.campaign.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Merges the outputs of campaign shards ({@code fuzz --shard i/n}, one per CI job or Kubernetes
 * completion index) into one campaign. Seeds are independent, so merging is a union; it refuses
 * shards of different scenarios, flags a seed that two shards ran with different trace hashes (a
 * determinism failure), and lists seeds of the range that no shard covered.
 */
public final class CampaignMerge {
    private CampaignMerge() {}

    /** The merged campaign; a seed present in several inputs must agree on its trace hash. */
    public record Merged(
            long first,
            long last,
            String template,
            List<String> sources,
            List<SeedResult> seeds,
            List<Long> missing,
            List<String> conflicts,
            long wallMsMax,
            long wallMsSum) {
        public long count(String verdict) {
            return seeds.stream().filter(s -> s.verdict().equals(verdict)).count();
        }

        public List<SeedResult> failures() {
            return seeds.stream().filter(s -> !s.valid()).toList();
        }

        /** valid, invalid (a seed failed or shards disagree) or unknown (a seed unknown or missing). */
        public String verdict() {
            if (count("invalid") > 0 || !conflicts.isEmpty()) {
                return "invalid";
            }
            return count("unknown") > 0 || !missing.isEmpty() ? "unknown" : "valid";
        }
    }

    public static Merged merge(List<CampaignFile> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one campaign directory");
        }
        String template = inputs.get(0).template();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long wallMax = 0;
        long wallSum = 0;
        List<String> sources = new ArrayList<>();
        TreeMap<Long, SeedResult> bySeed = new TreeMap<>();
        TreeMap<Long, String> seenIn = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        for (CampaignFile f : inputs) {
            if (!f.template().equals(template)) {
                throw new IllegalArgumentException(
                        "cannot merge different scenarios: " + inputs.get(0).source() + " ran '" + template + "', "
                                + f.source() + " ran '" + f.template() + "'");
            }
            first = Math.min(first, f.first());
            last = Math.max(last, f.last());
            wallMax = Math.max(wallMax, f.wallMs());
            wallSum += f.wallMs();
            sources.add(f.source() + " (shard " + f.shard() + ")");
            for (SeedResult s : f.seeds()) {
                SeedResult prev = bySeed.putIfAbsent(s.seed(), s);
                if (prev == null) {
                    seenIn.put(s.seed(), f.source());
                } else if (!prev.traceHash().equals(s.traceHash())) {
                    conflicts.add("seed " + s.seed() + ": trace " + prev.traceHash() + " in " + seenIn.get(s.seed())
                            + " but " + s.traceHash() + " in " + f.source()
                            + " (nondeterminism, or different code; check with: ./raftsim replay --seed " + s.seed()
                            + " --check-determinism)");
                }
            }
        }
        List<Long> missing = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            if (!bySeed.containsKey(s)) {
                missing.add(s);
            }
        }
        return new Merged(
                first, last, template, sources, new ArrayList<>(bySeed.values()), missing, conflicts, wallMax, wallSum);
    }
}
