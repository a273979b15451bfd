package io.raftsim.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.OpCounts;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code summary.json}: written by every run, read back by {@code fuzz --resume} and {@code replay --from}. */
public final class SummaryCodec {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryCodec() {}

    public static ObjectNode toNode(RunSummary s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seed", s.seed());
        n.put("verdict", s.verdict().jsonName());
        if (s.failure() == null) {
            n.putNull("failure");
        } else {
            ObjectNode f = n.putObject("failure");
            f.put("kind", s.failure().kind().jsonName());
            f.put("detail", s.failure().detail());
        }
        n.put("traceHash", s.traceHash());
        n.put("simulatedMs", s.simulatedMs());
        n.put("wallMs", s.wallMs());
        n.put("events", s.events());
        ObjectNode ops = n.putObject("ops");
        ops.put("invoked", s.ops().invoked());
        ops.put("ok", s.ops().ok());
        ops.put("fail", s.ops().fail());
        ops.put("info", s.ops().info());
        ObjectNode faults = n.putObject("faults");
        s.faults().forEach(faults::put);
        ObjectNode skipped = n.putObject("faultsSkipped");
        s.faultsSkipped().forEach(skipped::put);
        n.put("leaders", s.leaders());
        n.put("snapshotsInstalled", s.snapshotsInstalled());
        n.put("membershipChanges", s.membershipChanges());
        n.put("leaderTransfers", s.leaderTransfers());
        n.put("repro", s.repro());
        return n;
    }

    public static String toJson(RunSummary s) {
        try {
            return MAPPER.writeValueAsString(toNode(s)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode summary of seed " + s.seed(), e);
        }
    }

    /** Reads a summary back; a malformed file is an {@link IllegalArgumentException} naming the field. */
    public static RunSummary fromJson(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("summary.json is not JSON: " + e.getMessage(), e);
        }
        JsonNode f = n.path("failure");
        Failure failure = f.isNull() || f.isMissingNode()
                ? null
                : new Failure(Failure.Kind.valueOf(text(f, "kind").toUpperCase(Locale.ROOT)), text(f, "detail"));
        JsonNode ops = require(n, "ops");
        return new RunSummary(
                require(n, "seed").asLong(),
                Verdict.valueOf(text(n, "verdict").toUpperCase(Locale.ROOT)),
                failure,
                text(n, "traceHash"),
                require(n, "simulatedMs").asLong(),
                require(n, "wallMs").asLong(),
                require(n, "events").asLong(),
                new OpCounts(
                        require(ops, "invoked").asLong(),
                        require(ops, "ok").asLong(),
                        require(ops, "fail").asLong(),
                        require(ops, "info").asLong()),
                counts(n.path("faults")),
                counts(n.path("faultsSkipped")),
                require(n, "leaders").asLong(),
                require(n, "snapshotsInstalled").asLong(),
                require(n, "membershipChanges").asLong(),
                require(n, "leaderTransfers").asLong(),
                text(n, "repro"));
    }

    private static JsonNode require(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("summary.json lacks field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return require(n, field).asText();
    }

    private static Map<String, Long> counts(JsonNode n) {
        Map<String, Long> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }
}
