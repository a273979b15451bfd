package io.raftsim.harness.campaign;

import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunSummary;
import java.nio.file.Path;

/**
 * Runs one seed to its summary. {@code outDir} is where the run writes its files, or null to write
 * nothing. Implementations run each simulation on the calling thread; a campaign may call one
 * runner from several threads, so it must keep no state between calls.
 */
@FunctionalInterface
public interface SeedRunner {
    /** When a run writes its full output: always, or only when it did not end valid. */
    enum Output {
        ALL,
        FAILURES_ONLY
    }

    RunSummary run(RunConfig config, Path outDir, Output output);
}
