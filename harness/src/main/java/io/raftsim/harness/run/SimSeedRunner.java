package io.raftsim.harness.run;

import io.raftsim.harness.campaign.SeedRunner;
import io.raftsim.harness.report.RunOutput;
import java.nio.file.Path;

/** The real {@link SeedRunner}: one deterministic simulation per call, its files written as asked. */
public final class SimSeedRunner implements SeedRunner {
    @Override
    public RunSummary run(RunConfig config, Path outDir, Output output) {
        RunOutcome o = RunDriver.run(config);
        boolean write = outDir != null && (output == Output.ALL || o.summary().verdict() != Verdict.VALID);
        if (write) {
            RunOutput.write(outDir, o);
        }
        return o.summary();
    }
}
