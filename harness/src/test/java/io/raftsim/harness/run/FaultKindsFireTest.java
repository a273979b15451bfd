package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.KnobPins;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault kind the harness supports really acts on the cluster: a run with only that kind
 * enabled counts it under {@code faults} in its summary (what could not act is counted apart, in
 * {@code faultsSkipped}), and the cluster still elects leaders and serves clients.
 */
class FaultKindsFireTest {
    static Stream<FaultKind> kinds() {
        return NemesisSpec.SUPPORTED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void kindFires(FaultKind kind) {
        RunConfig cfg = new RunConfig(
                3,
                5,
                Workload.KV,
                300,
                20_000,
                NemesisSpec.parse(kind.cliName()),
                ReadMode.LOG,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.faults().getOrDefault(kind.cliName(), 0L))
                .as(
                        "%s fired (summary faults %s, skipped %s); repro: %s",
                        kind, s.faults(), s.faultsSkipped(), cfg.reproCommand())
                .isGreaterThan(0L);
        assertThat(s.faults().keySet()).as("only %s was enabled", kind).containsOnly(kind.cliName());
        assertThat(s.ops().ok()).as("repro: %s", cfg.reproCommand()).isGreaterThan(0);
        assertThat(s.leaders()).isGreaterThanOrEqualTo(1);
    }
}
