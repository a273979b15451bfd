package io.raftsim.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.history.Histories;
import io.raftsim.history.History;
import io.raftsim.history.JsonOpWriter;
import io.raftsim.sim.EventRecord;
import io.raftsim.workload.nemesis.ScheduleCodec;
import io.raftsim.workload.ops.OpSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one run's directory (issue 6): {@code history.json}, {@code schedule.json}, {@code
 * ops.json} (the op list, as data), {@code summary.json}, {@code events.log} (the last {@link
 * io.raftsim.harness.run.RunDriver#EVENT_TAIL} events), {@code checkpoints.txt} (trace hash every
 * {@link io.raftsim.harness.run.RunDriver#CHECKPOINT_EVENTS} events) and {@code report.html}. Each
 * file is written atomically; summary.json last, so its presence means the run's output is complete.
 */
public final class RunOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunOutput() {}

    public static void write(Path dir, RunOutcome o) {
        StringWriter history = new StringWriter();
        Histories.write(
                history, History.of("seed " + o.summary().seed(), o.history()).ops(), JsonOpWriter.Layout.ARRAY);
        AtomicFiles.write(dir.resolve("history.json"), history.toString());
        AtomicFiles.write(
                dir.resolve("schedule.json"), ScheduleCodec.toJson(o.input().schedule()) + "\n");
        AtomicFiles.write(dir.resolve("ops.json"), opsJson(o.input().ops()));
        AtomicFiles.write(dir.resolve("events.log"), eventsLog(o));
        AtomicFiles.write(dir.resolve("checkpoints.txt"), String.join("\n", o.checkpoints()) + "\n");
        if (o.check() != null && o.check().verdict() != io.raftsim.checker.Verdict.VALID) {
            // The checker's own view of the violation: per-key timelines and the counterexample.
            AtomicFiles.write(
                    dir.resolve(ReportHtml.CHECKER_REPORT),
                    io.raftsim.checker.html.HtmlReport.render(
                            History.of("seed " + o.summary().seed(), o.history()), o.check()));
        }
        AtomicFiles.write(dir.resolve("report.html"), ReportHtml.render(o));
        AtomicFiles.write(dir.resolve("summary.json"), SummaryCodec.toJson(o.summary()));
    }

    public static String opsJson(List<OpSpec> ops) {
        try {
            return MAPPER.writeValueAsString(ops) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode ops", e);
        }
    }

    public static String eventsLog(RunOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("# last ")
                .append(o.eventTail().size())
                .append(" of ")
                .append(o.summary().events())
                .append(" events: index timeMs kind node digest\n");
        for (EventRecord r : o.eventTail()) {
            sb.append(line(r)).append('\n');
        }
        return sb.toString();
    }

    public static String line(EventRecord r) {
        return r.index() + " " + String.format(java.util.Locale.ROOT, "%.6f", r.timeNs() / 1e6) + " " + r.kind() + " "
                + r.node() + " " + Long.toHexString(r.digest());
    }
}
