package io.raftsim.checker.html;

import io.raftsim.checker.CheckResult;
import io.raftsim.checker.Counterexample;
import io.raftsim.checker.KeyReport;
import io.raftsim.checker.Verdict;
import io.raftsim.history.History;
import io.raftsim.history.JsonValues;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One self-contained HTML page (inline CSS and SVG, no script, no external asset) per check: a
 * summary, then per key a timeline of ops by process in real-time (file) order, the linearization
 * found (or the longest linearizable prefix) as numbers on the ops, the op that cannot be placed in
 * red, and nemesis activity as bands. Size stays bounded: a key with more than {@code maxOpsPerKey}
 * ops shows only the failing window (or its first ops) and counts the rest; at most {@code
 * maxKeysDrawn} keys get a timeline (the failing key first), the others appear in the summary table.
 */
public final class HtmlReport {
    /** Default bounds: keep a report around a few megabytes at most. */
    public static final int DEFAULT_MAX_OPS_PER_KEY = 400;

    public static final int DEFAULT_MAX_KEYS_DRAWN = 12;

    private static final int LANE_PX = 26;
    private static final int WIDTH_PX = 1200;
    private static final int LEFT_PX = 90;
    private static final Set<String> HEALING = Set.of("stop", "heal", "recover", "resume", "restart", "stop-partition");

    private HtmlReport() {}

    /** A client op drawn on the timeline. */
    private record Span(int invoke, int complete, Op invocation, Op completion) {
        OpType outcome() {
            return completion == null ? OpType.INFO : completion.type();
        }
    }

    /** A nemesis interval: {@code active} is the fault being in force, otherwise the nemesis op itself. */
    private record Band(int from, int to, String label, boolean active) {}

    public static void write(Path out, History history, CheckResult result) {
        try {
            Files.writeString(out, render(history, result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    public static String render(History history, CheckResult result) {
        return render(history, result, DEFAULT_MAX_OPS_PER_KEY, DEFAULT_MAX_KEYS_DRAWN);
    }

    public static String render(History history, CheckResult result, int maxOpsPerKey, int maxKeysDrawn) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc("raftsim check: " + history.source()))
                .append("</title>\n<style>")
                .append("body{font:14px system-ui,sans-serif;margin:16px;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
                .append(".valid{color:#17702a}.invalid{color:#b00020}.unknown{color:#a36200}")
                .append("svg{border:1px solid #ddd;background:#fff}svg text{font:11px monospace}")
                .append("ol.lin{columns:3;font:12px monospace}.note{color:#666}")
                .append("</style></head><body>\n");
        sb.append("<h1>").append(esc(history.source())).append("</h1>\n");
        sb.append("<p>model <b>")
                .append(esc(result.model()))
                .append("</b>: <b class=\"")
                .append(result.verdict().text())
                .append("\">")
                .append(result.verdict().text())
                .append("</b> (")
                .append(esc(result.reason()))
                .append("), ")
                .append(result.clientOps())
                .append(" client ops, ")
                .append(result.keys().size())
                .append(" key(s), ")
                .append(String.format(Locale.ROOT, "%.1f ms", result.elapsedNanos() / 1e6))
                .append("</p>\n");
        result.counterexample().ifPresent(c -> sb.append("<p class=\"invalid\">")
                .append(esc(c.explain()))
                .append("</p>\n"));

        sb.append("<table><tr><th>key</th><th>ops</th><th>verdict</th><th>why</th><th>configurations</th></tr>\n");
        for (KeyReport k : result.keys()) {
            sb.append("<tr><td>")
                    .append(esc(keyName(k)))
                    .append("</td><td>")
                    .append(k.invocations().size())
                    .append("</td><td class=\"")
                    .append(k.verdict().text())
                    .append("\">")
                    .append(k.verdict().text())
                    .append("</td><td>")
                    .append(esc(k.reason()))
                    .append("</td><td>")
                    .append(k.configurations())
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");

        List<Band> bands = nemesisBands(history);
        List<KeyReport> drawn = new ArrayList<>();
        Counterexample cex = result.counterexample().orElse(null);
        for (KeyReport k : result.keys()) {
            if (cex != null && java.util.Objects.equals(k.key(), cex.key())) {
                drawn.add(0, k);
            } else if (k.verdict() != Verdict.VALID) {
                drawn.add(Math.min(drawn.size(), cex == null ? 0 : 1), k);
            } else {
                drawn.add(k);
            }
        }
        int shown = Math.min(maxKeysDrawn, drawn.size());
        for (int i = 0; i < shown; i++) {
            KeyReport k = drawn.get(i);
            boolean failing = cex != null && java.util.Objects.equals(k.key(), cex.key());
            keySection(sb, history, k, failing ? cex : null, bands, maxOpsPerKey);
        }
        if (drawn.size() > shown) {
            sb.append("<p class=\"note\">")
                    .append(drawn.size() - shown)
                    .append(" more key(s) not drawn; see the table above.</p>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static String keyName(KeyReport k) {
        return k.key() == null ? "(single object)" : k.key();
    }

    private static void keySection(
            StringBuilder sb, History h, KeyReport k, Counterexample cex, List<Band> bands, int maxOps) {
        List<Span> spans = spans(h, k);
        Map<Integer, Integer> linIndex = new HashMap<>();
        List<Integer> lin = cex != null ? cex.linearizablePrefix() : k.linearization();
        for (int i = 0; i < lin.size(); i++) {
            linIndex.put(lin.get(i), i + 1);
        }
        // The window drawn: everything when small; else the failing window (or the first ops).
        int from = 0;
        int to = spans.size();
        if (spans.size() > maxOps) {
            int center = 0;
            if (cex != null) {
                for (int i = 0; i < spans.size(); i++) {
                    if (spans.get(i).invoke == cex.failingInvocation()) {
                        center = i;
                    }
                }
            }
            from = Math.max(0, center - maxOps / 2);
            to = Math.min(spans.size(), from + maxOps);
            from = Math.max(0, to - maxOps);
        }
        List<Span> shown = spans.subList(from, to);
        sb.append("<h2>key ")
                .append(esc(keyName(k)))
                .append(": <span class=\"")
                .append(k.verdict().text());
        sb.append("\">").append(k.verdict().text()).append("</span></h2>\n");
        if (from > 0 || to < spans.size()) {
            sb.append("<p class=\"note\">showing ops ")
                    .append(from + 1)
                    .append("..")
                    .append(to)
                    .append(" of ")
                    .append(spans.size())
                    .append(" on this key (")
                    .append(from)
                    .append(" before, ")
                    .append(spans.size() - to)
                    .append(" after are summarized: ")
                    .append(outcomeCounts(spans.subList(0, from)))
                    .append(" / ")
                    .append(outcomeCounts(spans.subList(to, spans.size())))
                    .append(")</p>\n");
        }
        if (shown.isEmpty()) {
            sb.append("<p class=\"note\">no client ops</p>\n");
            return;
        }
        int lo = shown.get(0).invoke;
        int hi = lo + 1;
        for (Span s : shown) {
            hi = Math.max(hi, s.complete < 0 ? s.invoke + 1 : s.complete);
        }
        hi += 1;
        TreeMap<String, Integer> lanes = new TreeMap<>((a, b) -> {
            boolean na = a.chars().allMatch(Character::isDigit);
            boolean nb = b.chars().allMatch(Character::isDigit);
            if (na && nb) {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            }
            return na ? -1 : nb ? 1 : a.compareTo(b);
        });
        for (Span s : shown) {
            lanes.put(s.invocation.process().toString(), 0);
        }
        int lane = 0;
        for (Map.Entry<String, Integer> e : lanes.entrySet()) {
            e.setValue(lane++);
        }
        int height = 24 + lanes.size() * LANE_PX + 20;
        double scale = (WIDTH_PX - LEFT_PX - 10) / (double) (hi - lo);
        sb.append("<svg width=\"")
                .append(WIDTH_PX)
                .append("\" height=\"")
                .append(height)
                .append("\">\n");
        for (Band b : bands) {
            if (b.to < lo || b.from > hi) {
                continue;
            }
            double x1 = LEFT_PX + (Math.max(b.from, lo) - lo) * scale;
            double x2 = LEFT_PX + (Math.min(b.to, hi) - lo) * scale;
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                    x1,
                    Math.max(2, x2 - x1),
                    height,
                    b.active ? "#fde2e2" : "#f4d0a0",
                    esc("nemesis " + b.label + " (ops " + b.from + ".." + b.to + ")")));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" fill=\"#a33\">%s</text>\n",
                    x1 + 2,
                    height - 6,
                    esc(b.label)));
        }
        for (Map.Entry<String, Integer> e : lanes.entrySet()) {
            int y = 20 + e.getValue() * LANE_PX;
            sb.append("<text x=\"4\" y=\"")
                    .append(y + 15)
                    .append("\">p ")
                    .append(esc(e.getKey()))
                    .append("</text>\n");
        }
        for (Span s : shown) {
            int y = 20 + lanes.get(s.invocation.process().toString()) * LANE_PX;
            int end = s.complete < 0 || s.outcome() == OpType.INFO ? hi : s.complete;
            double x1 = LEFT_PX + (s.invoke - lo) * scale;
            double w = Math.max(3, (end - s.invoke) * scale);
            boolean isFailing = cex != null && s.invoke == cex.failingInvocation();
            String fill = isFailing
                    ? "#e53935"
                    : switch (s.outcome()) {
                        case OK -> "#a5d6a7";
                        case FAIL -> "#e0e0e0";
                        default -> "#ffe0b2";
                    };
            Integer order = linIndex.get(s.invoke);
            String label = s.invocation.f() + " " + JsonValues.toJson(s.invocation.value())
                    + (s.completion != null && s.outcome() == OpType.OK
                            ? " → " + JsonValues.toJson(s.completion.value())
                            : " ("
                                    + (s.completion == null
                                            ? "pending"
                                            : s.outcome().wireName()) + ")");
            String title = "op " + s.invoke + ".." + (s.complete < 0 ? "never" : s.complete) + ": process "
                    + s.invocation.process() + " " + label
                    + (order == null ? "" : ", linearized #" + order) + (isFailing ? ", CANNOT BE LINEARIZED" : "");
            sb.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\""
                            + " stroke=\"%s\"%s/>",
                    esc(title),
                    x1,
                    y,
                    w,
                    LANE_PX - 6,
                    fill,
                    isFailing ? "#7f0000" : "#555",
                    s.outcome() == OpType.INFO ? " stroke-dasharray=\"4 2\"" : ""));
            String text = (order == null ? "" : "#" + order + " ") + label;
            int maxChars = (int) Math.max(0, (w - 4) / 6.6);
            if (maxChars >= 3) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\">%s</text>",
                        x1 + 3,
                        y + 14,
                        esc(text.length() > maxChars ? text.substring(0, maxChars - 1) + "…" : text)));
            }
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        sb.append("<details><summary>")
                .append(cex != null ? "longest linearizable prefix" : "linearization")
                .append(" (")
                .append(lin.size())
                .append(" ops)</summary><ol class=\"lin\">\n");
        Map<Integer, Span> byInvoke = new HashMap<>();
        for (Span s : spans) {
            byInvoke.put(s.invoke, s);
        }
        int limit = Math.min(lin.size(), maxOps);
        for (int i = lin.size() - limit; i < lin.size(); i++) {
            Span s = byInvoke.get(lin.get(i));
            sb.append("<li value=\"").append(i + 1).append("\">");
            sb.append(esc(
                    s == null
                            ? "op " + lin.get(i)
                            : "op " + s.invoke + " p" + s.invocation.process() + " "
                                    + s.invocation.f() + " "
                                    + JsonValues.toJson(
                                            s.completion != null && s.outcome() == OpType.OK
                                                    ? s.completion.value()
                                                    : s.invocation.value())));
            sb.append("</li>\n");
        }
        sb.append("</ol></details>\n");
        if (cex != null) {
            sb.append("<p class=\"invalid\">op ")
                    .append(cex.failingInvocation())
                    .append(" (")
                    .append(esc(cex.failingOp()))
                    .append(") cannot be placed; states it could have seen: ")
                    .append(esc(String.join(", ", cex.statesSeen())))
                    .append(". Failing window: ops ")
                    .append(esc(cex.window().toString()))
                    .append("</p>\n");
        }
    }

    private static String outcomeCounts(List<Span> spans) {
        int ok = 0;
        int fail = 0;
        int info = 0;
        for (Span s : spans) {
            switch (s.outcome()) {
                case OK -> ok++;
                case FAIL -> fail++;
                default -> info++;
            }
        }
        return ok + " ok, " + fail + " fail, " + info + " info";
    }

    private static List<Span> spans(History h, KeyReport k) {
        List<Span> out = new ArrayList<>();
        Map<ProcessId, Integer> open = new HashMap<>();
        Set<Integer> wanted = new java.util.HashSet<>(k.invocations());
        List<Op> ops = h.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (!op.isClientOp()) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                if (wanted.contains(i)) {
                    open.put(op.process(), out.size());
                    out.add(new Span(i, -1, op, null));
                } else {
                    open.remove(op.process());
                }
            } else {
                Integer at = open.remove(op.process());
                if (at != null) {
                    Span s = out.get(at);
                    out.set(at, new Span(s.invoke, i, s.invocation, op));
                }
            }
        }
        return out;
    }

    /** Nemesis ops pair up (invocation, completion) per process; a fault is active from one pair to the next healing pair. */
    static List<Band> nemesisBands(History h) {
        List<Band> out = new ArrayList<>();
        Map<ProcessId, Integer> open = new HashMap<>();
        Map<ProcessId, Integer> activeSince = new HashMap<>();
        Map<ProcessId, String> activeLabel = new HashMap<>();
        List<Op> ops = h.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op.isClientOp()) {
                continue;
            }
            Integer first = open.remove(op.process());
            if (first == null || !ops.get(first).f().equals(op.f())) {
                open.put(op.process(), i);
                continue;
            }
            String label = op.f() + (op.value() == null ? "" : " " + abbreviate(JsonValues.toJson(op.value())));
            out.add(new Band(first, i, label, false));
            if (HEALING.contains(op.f())) {
                Integer since = activeSince.remove(op.process());
                if (since != null) {
                    out.add(new Band(since, first, activeLabel.remove(op.process()), true));
                }
            } else {
                activeSince.putIfAbsent(op.process(), i);
                activeLabel.putIfAbsent(op.process(), label);
            }
        }
        for (Map.Entry<ProcessId, Integer> e : activeSince.entrySet()) {
            out.add(new Band(e.getValue(), ops.size(), activeLabel.get(e.getKey()), true));
        }
        out.sort((a, b) -> a.active == b.active ? Integer.compare(a.from, b.from) : a.active ? -1 : 1);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
