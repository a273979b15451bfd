package io.raftsim.harness.report;

import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.workload.nemesis.FaultKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page per run. A timeline (SVG) with one band per fault
 * kind that fired and one row per node coloured by role with its term, the verdict, the failure
 * (for a linearizability violation, the checker's explanation), and the summary counters.
 */
public final class ReportHtml {
    /** The checker's HTML view of a linearizability violation, next to report.html. */
    public static final String CHECKER_REPORT = "linearizability.html";

    private static final int WIDTH = 1100;
    private static final int LEFT = 130;
    private static final int ROW = 18;

    private ReportHtml() {}

    public static String render(RunOutcome o) {
        RunSummary s = o.summary();
        long endMs = Math.max(1, s.simulatedMs());
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>raftsim seed ")
                .append(s.seed())
                .append(
                        "</title><style>body{font-family:sans-serif;margin:1em}"
                                + ".valid{color:#070}.invalid{color:#b00}.unknown{color:#a60}"
                                + "pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}td{padding:0 .6em}</style></head><body>");
        sb.append("<h1>raftsim seed ")
                .append(s.seed())
                .append(" &mdash; <span class=\"")
                .append(s.verdict().jsonName())
                .append("\">")
                .append(s.verdict().jsonName())
                .append("</span></h1>");
        sb.append("<p>repro: <code>").append(esc(s.repro())).append("</code></p>");
        if (o.check() != null && o.check().verdict() != io.raftsim.checker.Verdict.VALID) {
            sb.append("<p>The checker's view of the history: <a href=\"")
                    .append(CHECKER_REPORT)
                    .append("\">")
                    .append(CHECKER_REPORT)
                    .append("</a></p>");
        }
        if (s.failure() != null) {
            sb.append("<h2>")
                    .append(esc(s.failure().kind().jsonName()))
                    .append("</h2><pre>")
                    .append(esc(s.failure().detail()))
                    .append("</pre>");
        }
        sb.append("<h2>Timeline</h2>");
        // Replacement nodes have identities beyond the configured size: a row each too.
        int nodes = o.config().nodes();
        for (RoleChange c : o.roles()) {
            nodes = Math.max(nodes, c.node() + 1);
        }
        List<long[]> bands = o.faultBands();
        java.util.TreeSet<Integer> kinds = new java.util.TreeSet<>();
        for (long[] b : bands) {
            kinds.add((int) b[0]);
        }
        int rows = kinds.size() + nodes + 1;
        int height = rows * ROW + 30;
        sb.append("<svg width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
        int row = 0;
        java.util.Map<Integer, Integer> kindRow = new java.util.TreeMap<>();
        for (int k : kinds) {
            kindRow.put(k, row);
            label(sb, row, FaultKind.values()[k].cliName());
            row++;
        }
        for (long[] b : bands) {
            int r = kindRow.get((int) b[0]);
            double x0 = x(b[1], endMs);
            double x1 = Math.max(x0 + 2, x(b[2], endMs));
            rect(
                    sb,
                    x0,
                    r * ROW + 2,
                    x1 - x0,
                    ROW - 4,
                    "#d9534f",
                    FaultKind.values()[(int) b[0]].cliName() + " " + b[1] + "-" + b[2] + " ms");
        }
        int firstNodeRow = row;
        for (int n = 0; n < nodes; n++) {
            label(sb, firstNodeRow + n, "node " + n);
        }
        List<RoleChange> roles = o.roles();
        for (int i = 0; i < roles.size(); i++) {
            RoleChange c = roles.get(i);
            long until = endMs;
            for (int j = i + 1; j < roles.size(); j++) {
                if (roles.get(j).node() == c.node()) {
                    until = roles.get(j).timeNs() / 1_000_000;
                    break;
                }
            }
            long from = c.timeNs() / 1_000_000;
            double x0 = x(from, endMs);
            double x1 = Math.max(x0 + 1, x(until, endMs));
            rect(
                    sb,
                    x0,
                    (firstNodeRow + c.node()) * ROW + 2,
                    x1 - x0,
                    ROW - 4,
                    color(c.state()),
                    c.state() + " term " + c.term() + " from " + from + " ms");
            if (c.state().equals("LEADER") && x1 - x0 > 25) {
                sb.append("<text x=\"")
                        .append(fmt(x0 + 2))
                        .append("\" y=\"")
                        .append((firstNodeRow + c.node()) * ROW + 13)
                        .append("\" fill=\"#fff\">t")
                        .append(c.term())
                        .append("</text>");
            }
        }
        int axisY = (firstNodeRow + nodes) * ROW + 12;
        for (int t = 0; t <= 10; t++) {
            long ms = endMs * t / 10;
            sb.append("<text x=\"")
                    .append(fmt(x(ms, endMs)))
                    .append("\" y=\"")
                    .append(axisY)
                    .append("\">")
                    .append(ms / 1000.0)
                    .append("s</text>");
        }
        sb.append(
                "</svg><p>Roles: <span style=\"color:#2a7\">leader</span>, <span style=\"color:#999\">follower</span>, "
                        + "<span style=\"color:#db3\">(pre-)candidate</span>, <span style=\"color:#c33\">down / error</span>, "
                        + "<span style=\"color:#f90\">paused</span>. Hover a band for details.</p>");
        sb.append("<h2>Summary</h2><table>");
        row(sb, "trace hash", s.traceHash());
        row(sb, "simulated", s.simulatedMs() + " ms");
        row(sb, "wall", s.wallMs() + " ms");
        row(sb, "events", Long.toString(s.events()));
        row(
                sb,
                "ops",
                "invoked " + s.ops().invoked() + ", ok " + s.ops().ok() + ", fail "
                        + s.ops().fail() + ", info " + s.ops().info());
        row(sb, "faults", counts(s.faults()));
        row(sb, "faults skipped", counts(s.faultsSkipped()));
        row(sb, "elections won", Long.toString(s.leaders()));
        row(sb, "knobs", o.input().schedule().knobs().toString());
        if (o.check() != null) {
            row(
                    sb,
                    "linearizability",
                    o.check().verdict().text() + " (" + o.check().reason() + ", "
                            + o.check().configurations() + " configurations)");
        }
        sb.append("</table></body></html>\n");
        return sb.toString();
    }

    private static String counts(Map<String, Long> m) {
        return m.isEmpty() ? "none" : m.toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>");
    }

    private static String color(String state) {
        return switch (state) {
            case "LEADER" -> "#2a7";
            case "FOLLOWER" -> "#bbb";
            case "PRE_CANDIDATE", "CANDIDATE" -> "#db3";
            case "PAUSED" -> "#f90";
            default -> "#c33";
        };
    }

    private static double x(long ms, long endMs) {
        return LEFT + (WIDTH - LEFT - 10) * (double) ms / endMs;
    }

    private static void label(StringBuilder sb, int row, String text) {
        sb.append("<text x=\"2\" y=\"")
                .append(row * ROW + 13)
                .append("\">")
                .append(esc(text))
                .append("</text>");
    }

    private static void rect(StringBuilder sb, double x, double y, double w, double h, String fill, String title) {
        sb.append("<rect x=\"")
                .append(fmt(x))
                .append("\" y=\"")
                .append(fmt(y))
                .append("\" width=\"")
                .append(fmt(w))
                .append("\" height=\"")
                .append(fmt(h))
                .append("\" fill=\"")
                .append(fill)
                .append("\"><title>")
                .append(esc(title))
                .append("</title></rect>");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
