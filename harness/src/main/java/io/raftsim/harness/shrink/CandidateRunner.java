package io.raftsim.harness.shrink;

import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunOutcome;
import java.time.Duration;

/** Runs one candidate to its outcome. The real one is a deterministic simulation. */
@FunctionalInterface
public interface CandidateRunner {
    RunOutcome run(Candidate c);

    /** The simulation, with {@code checkBudget} for the linearizability checker of each run. */
    static CandidateRunner simulation(Duration checkBudget) {
        return c -> RunDriver.run(c.config(), c.input(), checkBudget, Long.MAX_VALUE);
    }
}
