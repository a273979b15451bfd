package io.raftsim.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftsim.harness.run.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three views of a {@link BenchResult}: a text table for the terminal, {@code bench.json} for
 * tools, {@code bench.html} with one SVG chart per figure. A variant that lost safety on any seed is
 * marked UNSAFE (red in the HTML) and its speed figures are not presented as a result.
 */
public final class BenchReport {
    /** Column titles of the figures, in {@link RunMetrics#figures()} order. */
    static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("commitP50Ms", "commit p50 ms"),
            Map.entry("commitP99Ms", "commit p99 ms"),
            Map.entry("readP50Ms", "read p50 ms"),
            Map.entry("throughputOpsPerSec", "ok ops/s"),
            Map.entry("leaderlessMs", "no-leader ms"),
            Map.entry("killToLeaderMs", "kill->leader ms"),
            Map.entry("killToOkMs", "kill->ok op ms"),
            Map.entry("elections", "elections won"),
            Map.entry("campaigns", "campaigns"),
            Map.entry("maxTerm", "max term"),
            Map.entry("maxLeaderTerm", "max leader term"),
            Map.entry("messagesPerOp", "msgs/op"),
            Map.entry("bytesPerOp", "bytes/op"),
            Map.entry("fsyncsPerOp", "fsyncs/op"),
            Map.entry("snapshotBytes", "snapshot bytes"));

    private BenchReport() {}

    public static String text(BenchResult r) {
        BenchSettings s = r.settings();
        StringBuilder sb = new StringBuilder();
        sb.append("raftsim bench: scenario ")
                .append(s.scenario().cliName())
                .append(" (")
                .append(s.scenario().description())
                .append(s.scenario() == Scenario.LEADER_KILL ? "; every " + s.leaderKillEveryMs() + " ms" : "")
                .append("), seeds ")
                .append(s.firstSeed())
                .append("..")
                .append(s.lastSeed())
                .append(", ")
                .append(s.nodes())
                .append(" nodes, ")
                .append(s.timeMs())
                .append(" ms simulated, ")
                .append(s.ops())
                .append(" ops, ")
                .append(s.clients())
                .append(" clients\n");
        sb.append("figures: median [p10–p90] across seeds, simulated time; per-op figures divide by ok ops\n\n");
        List<String> header = new ArrayList<>();
        header.add("variant");
        header.add("verdicts v/i/u");
        List<String> names = new ArrayList<>();
        if (!r.variants().isEmpty() && !r.variants().get(0).runs().isEmpty()) {
            names.addAll(r.variants().get(0).runs().get(0).figures().keySet());
        }
        names.forEach(n -> header.add(TITLES.getOrDefault(n, n)));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (VariantResult v : r.variants()) {
            List<String> row = new ArrayList<>();
            row.add(v.variant().name() + (v.unsafe() ? " UNSAFE" : ""));
            row.add(v.count(Verdict.VALID) + "/" + v.count(Verdict.INVALID) + "/" + v.count(Verdict.UNKNOWN));
            Map<String, Spread> sp = v.spreads();
            for (String n : names) {
                row.add(v.unsafe() ? "(unsafe)" : sp.get(n).format());
            }
            rows.add(row);
        }
        // Transposed: one row per figure, one column per variant (many figures, few variants).
        StringBuilder t = new StringBuilder();
        int nameW = 0;
        for (String h : header) {
            nameW = Math.max(nameW, h.length());
        }
        int[] colW = new int[rows.size()];
        for (int c = 1; c < rows.size(); c++) {
            for (String cell : rows.get(c)) {
                colW[c] = Math.max(colW[c], cell.length());
            }
        }
        for (int i = 0; i < header.size(); i++) {
            t.append(pad(header.get(i), nameW));
            for (int c = 1; c < rows.size(); c++) {
                t.append("  ").append(pad(rows.get(c).get(i), colW[c]));
            }
            t.append('\n');
        }
        sb.append(t);
        sb.append("\nvariants:\n");
        for (VariantResult v : r.variants()) {
            sb.append("  ")
                    .append(v.variant().name())
                    .append(": ")
                    .append(v.variant().describe())
                    .append(" -> ")
                    .append(v.knobs())
                    .append(' ')
                    .append(v.variant().tuning())
                    .append(", reads ")
                    .append(v.variant().readMode().cliName())
                    .append('\n');
            for (RunMetrics m : v.runs()) {
                if (m.verdict() != Verdict.VALID) {
                    sb.append("    seed ")
                            .append(m.seed())
                            .append(' ')
                            .append(m.verdict().jsonName())
                            .append(": ")
                            .append(m.failure())
                            .append("\n      repro: ")
                            .append(m.repro())
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    public static String json(BenchResult r) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        BenchSettings s = r.settings();
        root.put("scenario", s.scenario().cliName());
        root.put("scenarioDescription", s.scenario().description());
        if (s.scenario() == Scenario.LEADER_KILL) {
            root.put("leaderKillEveryMs", s.leaderKillEveryMs());
        }
        root.put("firstSeed", s.firstSeed());
        root.put("lastSeed", s.lastSeed());
        root.put("nodes", s.nodes());
        root.put("simulatedMsPerRun", s.timeMs());
        root.put("ops", s.ops());
        root.put("clients", s.clients());
        ArrayNode vars = root.putArray("variants");
        for (VariantResult v : r.variants()) {
            ObjectNode vn = vars.addObject();
            vn.put("name", v.variant().name());
            ObjectNode opts = vn.putObject("options");
            new java.util.TreeMap<>(v.variant().options()).forEach(opts::put);
            vn.put("knobs", v.knobs().toString());
            vn.put("tuning", v.variant().tuning().toString());
            vn.put("readMode", v.variant().readMode().cliName());
            vn.put("unsafe", v.unsafe());
            ObjectNode verdicts = vn.putObject("verdicts");
            for (Verdict x : Verdict.values()) {
                verdicts.put(x.jsonName(), v.count(x));
            }
            ObjectNode figs = vn.putObject("figures");
            v.spreads().forEach((name, sp) -> {
                ObjectNode f = figs.putObject(name);
                num(f, "median", sp.median());
                num(f, "p10", sp.p10());
                num(f, "p90", sp.p90());
                f.put("seeds", sp.n());
            });
            ArrayNode runs = vn.putArray("runs");
            for (RunMetrics m : v.runs()) {
                ObjectNode rn = runs.addObject();
                rn.put("seed", m.seed());
                rn.put("verdict", m.verdict().jsonName());
                if (m.failure() == null) {
                    rn.putNull("failure");
                } else {
                    rn.put("failure", m.failure());
                }
                m.figures().forEach((k, x) -> num(rn, k, x));
                rn.put("repro", m.repro());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bench.json could not be written: " + e.getMessage(), e);
        }
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    public static String html(BenchResult r) {
        BenchSettings s = r.settings();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>raftsim bench: ")
                .append(esc(s.scenario().cliName()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}svg{margin:0.5em 1em 1em 0}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
                        + ".unsafe{color:#c00;font-weight:bold}</style></head><body>");
        h.append("<h1>raftsim bench: ")
                .append(esc(s.scenario().cliName()))
                .append("</h1><p>")
                .append(esc(s.scenario().description()))
                .append(s.scenario() == Scenario.LEADER_KILL ? "; every " + s.leaderKillEveryMs() + " ms" : "")
                .append(". Seeds ")
                .append(s.firstSeed())
                .append("..")
                .append(s.lastSeed())
                .append(", ")
                .append(s.nodes())
                .append(" nodes, ")
                .append(s.timeMs())
                .append(" ms simulated per run. Bars: median across seeds; whiskers: p10–p90. "
                        + "A variant that loses safety on any seed is drawn in red and labelled UNSAFE.</p>");
        h.append("<table><tr><th>variant</th><th>options</th><th>valid</th><th>invalid</th><th>unknown</th></tr>");
        for (VariantResult v : r.variants()) {
            h.append("<tr")
                    .append(v.unsafe() ? " class=\"unsafe\"" : "")
                    .append("><td>")
                    .append(esc(v.variant().name()))
                    .append(v.unsafe() ? " UNSAFE" : "")
                    .append("</td><td>")
                    .append(esc(v.variant().describe()))
                    .append("</td><td>")
                    .append(v.count(Verdict.VALID))
                    .append("</td><td>")
                    .append(v.count(Verdict.INVALID))
                    .append("</td><td>")
                    .append(v.count(Verdict.UNKNOWN))
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (!r.variants().isEmpty()) {
            for (String fig : r.variants().get(0).spreads().keySet()) {
                h.append(chart(r, fig));
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String chart(BenchResult r, String fig) {
        int rowH = 22;
        int labelW = 160;
        int barW = 320;
        int height = 30 + rowH * r.variants().size();
        double max = 0;
        for (VariantResult v : r.variants()) {
            Spread sp = v.spreads().get(fig);
            if (sp.n() > 0) {
                max = Math.max(max, Math.max(sp.median(), sp.p90()));
            }
        }
        double scale = max > 0 ? barW / max : 0;
        StringBuilder g = new StringBuilder();
        g.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(labelW + barW + 140)
                .append("\" height=\"")
                .append(height)
                .append("\"><text x=\"0\" y=\"16\" font-weight=\"bold\">")
                .append(esc(TITLES.getOrDefault(fig, fig)))
                .append("</text>");
        int y = 26;
        for (VariantResult v : r.variants()) {
            Spread sp = v.spreads().get(fig);
            String color = v.unsafe() ? "#c00" : "#4a7ebb";
            g.append("<text x=\"0\" y=\"")
                    .append(y + 14)
                    .append("\" fill=\"")
                    .append(v.unsafe() ? "#c00" : "#000")
                    .append("\">")
                    .append(esc(v.variant().name() + (v.unsafe() ? " UNSAFE" : "")))
                    .append("</text>");
            if (v.unsafe()) {
                g.append("<rect x=\"")
                        .append(labelW)
                        .append("\" y=\"")
                        .append(y + 3)
                        .append("\" width=\"")
                        .append(barW)
                        .append("\" height=\"")
                        .append(rowH - 6)
                        .append("\" fill=\"none\" stroke=\"#c00\" stroke-dasharray=\"4\"/>")
                        .append("<text x=\"")
                        .append(labelW + 6)
                        .append("\" y=\"")
                        .append(y + 15)
                        .append("\" fill=\"#c00\">lost safety on ")
                        .append(v.unsafeRuns().size())
                        .append(" seed(s): not a result</text>");
            } else if (sp.n() > 0) {
                g.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        labelW,
                        y + 3,
                        Math.max(1, sp.median() * scale),
                        rowH - 6,
                        color));
                g.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>",
                        labelW + sp.p10() * scale,
                        labelW + sp.p90() * scale,
                        y + rowH / 2,
                        y + rowH / 2));
                g.append("<text x=\"")
                        .append(labelW + barW + 8)
                        .append("\" y=\"")
                        .append(y + 15)
                        .append("\">")
                        .append(esc(sp.format()))
                        .append("</text>");
            } else {
                g.append("<text x=\"")
                        .append(labelW + 6)
                        .append("\" y=\"")
                        .append(y + 15)
                        .append("\">-</text>");
            }
            y += rowH;
        }
        g.append("</svg>");
        return g.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
