package io.raftsim.harness.shrink;

import io.raftsim.harness.report.AtomicFiles;
import io.raftsim.harness.report.RunOutput;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunOutcome;
import java.nio.file.Path;

/**
 * Writes a shrink's result: the minimal run's full directory (schedule.json, ops.json,
 * history.json, summary.json, events.log, report.html) whose summary's {@code repro} replays
 * exactly that input, plus {@code repro.txt} and {@code shrink.txt} (the "shrunk from" line and
 * the signature).
 */
public final class ShrinkOutput {
    private ShrinkOutput() {}

    /** The command that replays {@code config} with the schedule and op list saved in {@code dir}. */
    public static String reproCommand(RunConfig config, Path dir) {
        return config.reproCommand(dir.resolve("schedule.json"), dir.resolve("ops.json"));
    }

    public static void write(Path dir, ShrinkResult r) {
        RunOutcome o = r.minimalOutcome();
        String repro = reproCommand(r.minimal().config(), dir);
        RunOutcome out = o.withRepro(repro);
        RunOutput.write(dir, out);
        AtomicFiles.write(dir.resolve("repro.txt"), repro + "\n");
        AtomicFiles.write(
                dir.resolve("shrink.txt"),
                r.line() + "\nfailure: " + r.signature() + "\nruns: " + r.runs()
                        + (r.exhausted() ? " (budget spent)" : "")
                        + "\noriginal: " + r.original().describe() + "\nminimal: "
                        + r.minimal().describe() + "\n"
                        + "original repro: " + r.original().config().reproCommand() + "\n");
    }
}
