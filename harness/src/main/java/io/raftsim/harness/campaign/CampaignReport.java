package io.raftsim.harness.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.io.IOException;
import java.util.Locale;

/** The campaign's outputs: {@code campaign.json}, the JUnit XML for CI, and the summary table. */
public final class CampaignReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CampaignReport() {}

    public static String toJson(CampaignResult r, RunConfig template) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("first", r.first());
        n.put("last", r.last());
        n.put("shard", r.shard().toString());
        n.put("template", template.withSeed(0).reproCommand().replace("--seed 0", "--seed N"));
        n.put("verdict", r.verdict().jsonName());
        n.put("seeds", r.runs().size());
        n.put("valid", r.count(Verdict.VALID));
        n.put("invalid", r.count(Verdict.INVALID));
        n.put("unknown", r.count(Verdict.UNKNOWN));
        n.put("resumed", r.resumed());
        n.put("stoppedEarly", r.stoppedEarly());
        n.put("wallMs", r.wallMs());
        n.put("seedsPerSecond", round(r.seedsPerSecond()));
        n.put("simulatedSecondsPerWallSecond", round(r.simulatedPerWall()));
        n.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
        n.put("cpuMs", r.cpuMs());
        n.put("seedCpuMs", r.seedCpuMs());
        n.put("simulatedSecondsPerCpuSecond", round(r.simulatedPerCpu()));
        n.put("simulatedSecondsPerSeedCpuSecond", round(r.simulatedPerSeedCpu()));
        ArrayNode failures = n.putArray("failures");
        for (RunSummary s : r.failures()) {
            ObjectNode f = failures.addObject();
            f.put("seed", s.seed());
            f.put("verdict", s.verdict().jsonName());
            f.put("kind", s.failure() == null ? null : s.failure().kind().jsonName());
            f.put("detail", s.failure() == null ? null : s.failure().detail());
            f.put("repro", s.repro());
        }
        ArrayNode all = n.putArray("runs");
        for (RunSummary s : r.runs()) {
            ObjectNode e = all.addObject();
            e.put("seed", s.seed());
            e.put("verdict", s.verdict().jsonName());
            e.put("traceHash", s.traceHash());
            e.put("events", s.events());
            e.put("wallMs", s.wallMs());
        }
        try {
            return MAPPER.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode campaign.json", e);
        }
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One test case per seed ({@code seed=N}), so CI shows each failing seed with its repro command. */
    public static String junitXml(CampaignResult r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"raftsim.fuzz\" tests=\"")
                .append(r.runs().size())
                .append("\" failures=\"")
                .append(r.count(Verdict.INVALID))
                .append("\" errors=\"")
                .append(r.count(Verdict.UNKNOWN))
                .append("\" skipped=\"0\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", r.wallMs() / 1000.0))
                .append("\">\n");
        for (RunSummary s : r.runs()) {
            sb.append("  <testcase classname=\"raftsim.fuzz\" name=\"seed=")
                    .append(s.seed())
                    .append("\" time=\"")
                    .append(String.format(Locale.ROOT, "%.3f", s.wallMs() / 1000.0))
                    .append("\"");
            if (s.verdict() == Verdict.VALID) {
                sb.append("/>\n");
                continue;
            }
            String tag = s.verdict() == Verdict.INVALID ? "failure" : "error";
            String kind = s.failure() == null
                    ? s.verdict().jsonName()
                    : s.failure().kind().jsonName();
            String detail = s.failure() == null ? "" : s.failure().detail();
            sb.append(">\n    <")
                    .append(tag)
                    .append(" type=\"")
                    .append(xml(kind))
                    .append("\" message=\"")
                    .append(xml(Campaign.firstLine(detail)))
                    .append("\">")
                    .append(xml("repro: " + s.repro() + "\n" + detail))
                    .append("</")
                    .append(tag)
                    .append(">\n  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    /** Text escaped for XML content and attributes; control characters XML 1.0 forbids become {@code ?}. */
    public static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The human summary table printed at the end of {@code fuzz}. */
    public static String table(CampaignResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%-8s %-7s %-8s %-8s %-9s %-14s %-10s %-9s %-13s %s%n",
                "seeds",
                "valid",
                "invalid",
                "unknown",
                "seeds/s",
                "sim-s/wall-s",
                "events/s",
                "cpu-s",
                "sim-s/cpu-s",
                "sim-s/seed-cpu-s"));
        sb.append(String.format(
                Locale.ROOT,
                "%-8d %-7d %-8d %-8d %-9.2f %-14.0f %-10.0f %-9.1f %-13.0f %.0f%n",
                r.runs().size(),
                r.count(Verdict.VALID),
                r.count(Verdict.INVALID),
                r.count(Verdict.UNKNOWN),
                r.seedsPerSecond(),
                r.simulatedPerWall(),
                r.eventsPerSecond(),
                r.cpuMs() / 1000.0,
                r.simulatedPerCpu(),
                r.simulatedPerSeedCpu()));
        if (!r.failures().isEmpty()) {
            sb.append("failing seeds:\n");
            for (RunSummary s : r.failures()) {
                sb.append("  seed ")
                        .append(s.seed())
                        .append(' ')
                        .append(s.verdict().jsonName());
                if (s.failure() != null) {
                    sb.append(" (").append(s.failure().kind().jsonName()).append(')');
                }
                sb.append("\n    repro: ").append(s.repro()).append('\n');
            }
        }
        return sb.toString();
    }
}
