package io.raftsim.harness.campaign.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftsim.harness.campaign.Shard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's {@code campaign.json} (written by {@code fuzz}), read back for merging: the seed
 * range, the shard, the scenario template, and every seed's verdict, trace hash and failure.
 */
public record CampaignFile(
        String source, long first, long last, Shard shard, String template, long wallMs, List<SeedResult> seeds) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CampaignFile {
        seeds = List.copyOf(seeds);
    }

    /** Parses {@code json}; {@code source} names it in error messages. */
    public static CampaignFile parse(String source, String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(source + ": not a campaign.json object");
            }
            Map<Long, String[]> failures = new TreeMap<>();
            for (JsonNode f : n.path("failures")) {
                failures.put(
                        f.path("seed").asLong(), new String[] {text(f, "kind"), text(f, "detail"), text(f, "repro")});
            }
            List<SeedResult> seeds = new ArrayList<>();
            JsonNode runs = required(source, n, "runs");
            for (int i = 0; i < runs.size(); i++) {
                JsonNode r = runs.get(i);
                long seed = required(source + " runs[" + i + "]", r, "seed").asLong();
                String[] f = failures.getOrDefault(seed, new String[3]);
                seeds.add(new SeedResult(
                        seed,
                        required(source + " runs[" + i + "]", r, "verdict").asText(),
                        required(source + " runs[" + i + "]", r, "traceHash").asText(),
                        r.path("events").asLong(),
                        r.path("wallMs").asLong(),
                        f[0],
                        f[1],
                        f[2]));
            }
            return new CampaignFile(
                    source,
                    required(source, n, "first").asLong(),
                    required(source, n, "last").asLong(),
                    Shard.parse(required(source, n, "shard").asText()),
                    required(source, n, "template").asText(),
                    n.path("wallMs").asLong(),
                    seeds);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
