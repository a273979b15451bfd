package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cli.SeedRange;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeds of the default nemesis (swarm over every supported fault kind) must all be valid. The range
 * is {@code -Draftsim.sweep.seeds=A..B} (default 0..9; the {@code long-sweep} Maven profile runs
 * 0..199); each failure names the exact command that reproduces it.
 */
class SimulationSweepTest {
    static LongStream seeds() {
        SeedRange r = SeedRange.parse(System.getProperty("raftsim.sweep.seeds", "0..9"));
        return LongStream.rangeClosed(r.first(), r.last());
    }

    static RunConfig config(long seed) {
        return new RunConfig(
                seed, 5, Workload.KV, 600, 30_000, NemesisSpec.parse("all"), ReadMode.LOG, 5, 2_000, false);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void defaultNemesisSeedIsValid(long seed) {
        RunConfig cfg = config(seed);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.verdict())
                .as("seed %d: %s%n  repro: %s", seed, s.failure(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
        assertThat(s.ops().invoked()).as("repro: %s", cfg.reproCommand()).isGreaterThan(100);
        assertThat(s.ops().ok())
                .as("repro: %s", cfg.reproCommand())
                .isGreaterThan(s.ops().invoked() / 3);
        assertThat(s.ops().invoked())
                .isEqualTo(s.ops().ok() + s.ops().fail() + s.ops().info());
        assertThat(s.leaders()).isGreaterThanOrEqualTo(1);
    }
}
