package io.raftsim.harness.run;

import io.raftsim.checker.CheckResult;
import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.history.Op;
import io.raftsim.sim.EventRecord;
import java.util.List;

/**
 * Everything a finished run produced: its summary, the history, the input it played, the per-node
 * role timeline and fault bands for the report, the tail of its event log, trace-hash checkpoints
 * (every {@link RunDriver#CHECKPOINT_EVENTS} events, for locating a divergence), and the
 * linearizability check (null if the run failed before it).
 */
public record RunOutcome(
        RunSummary summary,
        RunConfig config,
        RunInput input,
        List<Op> history,
        List<RoleChange> roles,
        List<long[]> faultBands,
        List<EventRecord> eventTail,
        List<String> checkpoints,
        CheckResult check) {

    /** This outcome with another repro command (a run that played saved input files names them). */
    public RunOutcome withRepro(String repro) {
        RunSummary withRepro = summary.rejudged(summary.verdict(), summary.failure(), repro);
        return new RunOutcome(withRepro, config, input, history, roles, faultBands, eventTail, checkpoints, check);
    }
}
