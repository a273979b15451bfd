package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seeds that once held bit-flip and torn-write back from {@code --nemesis all}, exactly as the
 * CLI runs them ({@code raftsim run --seed N --nemesis everything}): 71 flips a bit in the last
 * record of a node's last segment (once silently cut as a torn tail: leader completeness), 155
 * and 199 tear a crash in any order (a hole before a valid record, once CORRUPT: the node could
 * never restart). Each must be valid and must really fire the fault it is here for.
 */
class StorageFaultSeedsTest {
    @ParameterizedTest(name = "seed={0} fires {1}")
    @CsvSource({"71, bit-flip", "155, torn-write", "199, torn-write"})
    void onceHeldBackSeedIsValid(long seed, String fault) {
        RunConfig cfg = new RunConfig(
                seed,
                5,
                Workload.KV,
                2000,
                60_000,
                NemesisSpec.parse("everything"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.faults()).as("repro: %s", cfg.reproCommand()).containsKey(fault);
        assertThat(s.verdict())
                .as("seed %d: %s%n  repro: %s", seed, s.failure(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
    }
}
