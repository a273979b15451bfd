package io.raftsim.harness.campaign.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftsim.harness.campaign.Campaign;
import io.raftsim.harness.campaign.CampaignReport;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The merged campaign's {@code campaign.json}, {@code junit.xml} and terminal summary. */
public final class MergeReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MergeReport() {}

    public static String json(CampaignMerge.Merged m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("first", m.first());
        n.put("last", m.last());
        n.put("shard", "merged");
        n.put("template", m.template());
        n.put("verdict", m.verdict());
        n.put("seeds", m.seeds().size());
        n.put("valid", m.count("valid"));
        n.put("invalid", m.count("invalid"));
        n.put("unknown", m.count("unknown"));
        n.put("wallMs", m.wallMsMax());
        n.put("wallMsAllShards", m.wallMsSum());
        ArrayNode src = n.putArray("mergedFrom");
        m.sources().forEach(src::add);
        ArrayNode missing = n.putArray("missingSeeds");
        m.missing().forEach(missing::add);
        ArrayNode conflicts = n.putArray("conflicts");
        m.conflicts().forEach(conflicts::add);
        ArrayNode failures = n.putArray("failures");
        for (SeedResult s : m.failures()) {
            ObjectNode f = failures.addObject();
            f.put("seed", s.seed());
            f.put("verdict", s.verdict());
            f.put("kind", s.kind());
            f.put("detail", s.detail());
            f.put("repro", s.repro());
        }
        ArrayNode runs = n.putArray("runs");
        for (SeedResult s : m.seeds()) {
            ObjectNode e = runs.addObject();
            e.put("seed", s.seed());
            e.put("verdict", s.verdict());
            e.put("traceHash", s.traceHash());
            e.put("events", s.events());
            e.put("wallMs", s.wallMs());
        }
        try {
            return MAPPER.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode merged campaign.json", e);
        }
    }

    /** One test case per seed ({@code seed=N}); shard disagreements and missing seeds are test cases too. */
    public static String junitXml(CampaignMerge.Merged m) {
        StringBuilder body = new StringBuilder();
        int failures = 0;
        int errors = 0;
        for (SeedResult s : m.seeds()) {
            body.append("  <testcase classname=\"raftsim.fuzz\" name=\"seed=")
                    .append(s.seed())
                    .append("\" time=\"")
                    .append(String.format(Locale.ROOT, "%.3f", s.wallMs() / 1000.0))
                    .append("\"");
            if (s.valid()) {
                body.append("/>\n");
                continue;
            }
            boolean invalid = s.verdict().equals("invalid");
            failures += invalid ? 1 : 0;
            errors += invalid ? 0 : 1;
            String detail = s.detail() == null ? "" : s.detail();
            element(
                    body,
                    invalid ? "failure" : "error",
                    s.kind() == null ? s.verdict() : s.kind(),
                    Campaign.firstLine(detail),
                    "repro: " + s.repro() + "\n" + detail);
        }
        for (String c : m.conflicts()) {
            failures++;
            body.append("  <testcase classname=\"raftsim.merge\" name=\"shards agree\"");
            element(body, "failure", "nondeterminism", c, c);
        }
        if (!m.missing().isEmpty()) {
            errors++;
            String what = m.missing().size() + " seeds of " + m.first() + ".." + m.last() + " in no shard: "
                    + preview(m.missing());
            body.append("  <testcase classname=\"raftsim.merge\" name=\"all seeds covered\"");
            element(body, "error", "missing-seeds", what, what);
        }
        int tests = m.seeds().size() + m.conflicts().size() + (m.missing().isEmpty() ? 0 : 1);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"raftsim.fuzz\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"0\" time=\""
                + String.format(Locale.ROOT, "%.3f", m.wallMsMax() / 1000.0) + "\">\n" + body + "</testsuite>\n";
    }

    private static void element(StringBuilder sb, String tag, String type, String message, String text) {
        sb.append(">\n    <")
                .append(tag)
                .append(" type=\"")
                .append(CampaignReport.xml(type))
                .append("\" message=\"")
                .append(CampaignReport.xml(message))
                .append("\">")
                .append(CampaignReport.xml(text))
                .append("</")
                .append(tag)
                .append(">\n  </testcase>\n");
    }

    /** The terminal summary: counts, failing seeds with their repro commands, conflicts, gaps. */
    public static String table(CampaignMerge.Merged m) {
        StringBuilder sb = new StringBuilder();
        sb.append("merged ")
                .append(m.sources().size())
                .append(" campaigns, seeds ")
                .append(m.first())
                .append("..")
                .append(m.last())
                .append('\n');
        sb.append(String.format(
                Locale.ROOT, "%-8s %-7s %-8s %-8s %-8s%n", "seeds", "valid", "invalid", "unknown", "missing"));
        sb.append(String.format(
                Locale.ROOT,
                "%-8d %-7d %-8d %-8d %-8d%n",
                m.seeds().size(),
                m.count("valid"),
                m.count("invalid"),
                m.count("unknown"),
                m.missing().size()));
        if (!m.failures().isEmpty()) {
            sb.append("failing seeds:\n");
            for (SeedResult s : m.failures()) {
                sb.append("  seed ").append(s.seed()).append(' ').append(s.verdict());
                if (s.kind() != null) {
                    sb.append(" (").append(s.kind()).append(')');
                }
                sb.append("\n    repro: ").append(s.repro()).append('\n');
            }
        }
        for (String c : m.conflicts()) {
            sb.append("SHARDS DISAGREE: ").append(c).append('\n');
        }
        if (!m.missing().isEmpty()) {
            sb.append("missing seeds (no shard ran them): ")
                    .append(preview(m.missing()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String preview(List<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(10, seeds.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(seeds.get(i));
        }
        return sb.append(seeds.size() > 10 ? ", ..." : "").toString();
    }
}
