package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cli.SeedRange;
import io.raftsim.workload.nemesis.KnobPins;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeds of the default nemesis (swarm over every supported fault kind) must all be valid, with
 * reads by ReadIndex (the default), under the leader lease, and through the log. The range is
 * {@code -Draftsim.sweep.seeds=A..B} (default 0..9; the {@code long-sweep} Maven profile runs
 * 0..199); each failure names the exact command that reproduces it.
 */
class SimulationSweepTest {
    static Stream<Arguments> seeds() {
        SeedRange r = SeedRange.parse(System.getProperty("raftsim.sweep.seeds", "0..9"));
        return Stream.of(ReadMode.READ_INDEX, ReadMode.LEASE, ReadMode.LOG)
                .flatMap(m -> LongStream.rangeClosed(r.first(), r.last()).mapToObj(seed -> Arguments.of(seed, m)));
    }

    static RunConfig config(long seed, ReadMode readMode) {
        return new RunConfig(
                seed,
                5,
                Workload.KV,
                600,
                30_000,
                NemesisSpec.parse("all"),
                readMode,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
    }

    @ParameterizedTest(name = "seed={0} read-mode={1}")
    @MethodSource("seeds")
    void defaultNemesisSeedIsValid(long seed, ReadMode readMode) {
        RunConfig cfg = config(seed, readMode);
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
