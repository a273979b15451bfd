package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.KnobPins;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A correct engine survives leader-isolation-churn: lease reads on every node (the deposed leaders
 * included), writers on every node, the leader's clock drifting within the lease's bound, and one
 * leader after another cut off. Each seed's run is valid, and its isolations fired.
 */
class LeaderIsolationChurnSeedsTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4})
    void leaseReadsStayLinearizableWhileEveryLeaderIsCutOffInTurn(long seed) {
        RunConfig cfg = new RunConfig(
                seed,
                5,
                Workload.REGISTER,
                200,
                12_000,
                NemesisSpec.parse("leader-clock-drift,leader-isolation-churn"),
                ReadMode.LEASE,
                2,
                2_000,
                false,
                5,
                5,
                KnobPins.NONE);
        RunOutcome o = RunDriver.run(cfg);
        String repro = "repro: " + cfg.reproCommand();
        assertThat(o.summary().verdict()).as(repro).isEqualTo(Verdict.VALID);
        assertThat(o.summary().faults().get(FaultKind.LEADER_ISOLATION_CHURN.cliName()))
                .as(repro)
                .isNotNull()
                .isPositive();
        assertThat(o.summary().leaders()).as("leaders elected; %s", repro).isGreaterThanOrEqualTo(5);
    }
}
