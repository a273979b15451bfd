package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.KnobPins;
import io.raftsim.workload.nemesis.LeaderChurn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * leader-churn crashes leaders right after they win elections: in a churn-only run, several
 * leaderships end in a crash within the fault's kill delay of starting, and the cluster still
 * serves clients and passes every check.
 */
class LeaderChurnTest {
    @Test
    void newLeadersAreCrashedWithinTheKillDelay() {
        RunConfig cfg = new RunConfig(
                1,
                5,
                Workload.REGISTER,
                600,
                20_000,
                NemesisSpec.parse("leader-churn"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunOutcome o = RunDriver.run(cfg);
        long maxDelayMs = o.input().schedule().events().stream()
                .map(FaultEvent::fault)
                .filter(f -> f instanceof LeaderChurn)
                .mapToLong(f -> ((LeaderChurn) f).maxKillDelayMs())
                .max()
                .orElseThrow();
        List<RoleChange> roles = o.roles();
        int quickKills = 0;
        for (int i = 0; i < roles.size(); i++) {
            RoleChange r = roles.get(i);
            if (!r.state().equals("LEADER")) {
                continue;
            }
            for (int j = i + 1; j < roles.size(); j++) {
                RoleChange next = roles.get(j);
                if (next.node() == r.node()) {
                    // The 1 ms poll that notices the election adds at most 1 ms.
                    if (next.state().equals("DOWN") && next.timeNs() - r.timeNs() <= (maxDelayMs + 1) * 1_000_000L) {
                        quickKills++;
                    }
                    break;
                }
            }
        }
        assertThat(quickKills)
                .as("leaderships crashed within %d ms; repro: %s", maxDelayMs, cfg.reproCommand())
                .isGreaterThanOrEqualTo(2);
        assertThat(o.summary().verdict()).as("repro: %s", cfg.reproCommand()).isEqualTo(Verdict.VALID);
        assertThat(o.summary().ops().ok()).isGreaterThan(0);
    }
}
