package io.raftsim.harness.determinism;

import io.raftsim.harness.campaign.CampaignResult;
import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.RunSummary;

/** The line {@code fuzz --check-determinism} prints after the summary table. */
public final class DeterminismReport {
    private DeterminismReport() {}

    public static String line(CampaignResult r, double fraction) {
        long checked = 0;
        long diverged = 0;
        for (RunSummary s : r.runs()) {
            if (DeterminismCheck.sampled(s.seed(), fraction)) {
                checked++;
            }
            if (s.failure() != null && s.failure().kind() == Failure.Kind.NONDETERMINISM) {
                diverged++;
            }
        }
        return "determinism: re-ran " + checked + " of " + r.runs().size() + " seeds (P=" + fraction + "), "
                + (diverged == 0 ? "all traces identical" : diverged + " DIVERGED (see failing seeds above)");
    }
}
