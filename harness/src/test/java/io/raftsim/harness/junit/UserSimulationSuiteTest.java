package io.raftsim.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Uses the public JUnit API the way a team would in its own suite: a builder turned into one
 * dynamic test per seed, and an annotated template whose method asserts more about each valid run.
 * Seeds run without faults here, so they must all be valid: this suite guards the API, the fault
 * sweeps live in the harness's own tests.
 */
class UserSimulationSuiteTest {
    @TestFactory
    Stream<DynamicTest> quietClusterStaysLinearizable() {
        return SimulationScenario.named("quiet-kv")
                .nodes(3)
                .ops(60)
                .clients(2)
                .time(Duration.ofSeconds(4))
                .nemesis("none")
                .seeds(0, 2)
                .dynamicTests();
    }

    @SimulationTest(seeds = "3..4", nodes = 3, ops = 60, clients = 2, time = "4s", nemesis = "none")
    void electsALeaderAndCompletesOps(RunSummary run, long seed) {
        assertThat(run.seed()).isEqualTo(seed);
        assertThat(run.verdict()).isEqualTo(Verdict.VALID);
        assertThat(run.leaders()).isPositive();
        assertThat(run.ops().ok()).isPositive();
    }
}
