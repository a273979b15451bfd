package io.raftsim.harness.determinism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.harness.campaign.SeedRunner;
import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import io.raftsim.harness.run.Workload;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeterminismCheckTest {
    private static final RunConfig SMALL = new RunConfig(
            5, 3, Workload.KV, 60, 3_000, NemesisSpec.parse("all"), ReadMode.LOG, 2, 2_000, false, 0, 0, KnobPins.NONE);

    @Test
    void samplesAboutTheAskedFractionByHashOfTheSeed() {
        long picked = LongStream.range(0, 10_000)
                .filter(s -> DeterminismCheck.sampled(s, 0.1))
                .count();
        assertThat(picked).isBetween(900L, 1_100L);
        assertThat(LongStream.range(0, 100).filter(s -> DeterminismCheck.sampled(s, 0)))
                .isEmpty();
        assertThat(LongStream.range(0, 100).allMatch(s -> DeterminismCheck.sampled(s, 1)))
                .isTrue();
        assertThatThrownBy(() -> new DeterminismCheck(1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void aDeterministicSeedPassesTheCheck() {
        RunSummary s = new DeterminismCheck(1).run(SMALL, null, SeedRunner.Output.FAILURES_ONLY);
        assertThat(s.verdict()).isNotEqualTo(Verdict.INVALID);
        assertThat(s.traceHash()).isEqualTo(RunDriver.run(SMALL).summary().traceHash());
    }

    @Test
    void aRunThatDivergesIsANondeterminismFailureNamingTheFirstDivergentEvent() {
        // A simulator that is not deterministic: every other run sees another seed's world.
        int[] calls = {0};
        DeterminismCheck check = new DeterminismCheck(1, (c, stop) -> {
            RunConfig k = calls[0]++ % 2 == 0 ? c : c.withSeed(c.seed() + 1);
            return RunDriver.run(k, RunInput.draw(k), Duration.ofSeconds(5), stop);
        });
        RunSummary s = check.run(SMALL, null, SeedRunner.Output.FAILURES_ONLY);
        assertThat(s.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(s.failure().kind()).isEqualTo(Failure.Kind.NONDETERMINISM);
        assertThat(s.failure().detail()).contains("first divergent event: ").contains(" vs ");
        assertThat(s.repro()).startsWith("./raftsim replay --seed 5 ").endsWith("--check-determinism");
    }
}
