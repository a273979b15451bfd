package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.workload.nemesis.KnobPins;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With reader processes ({@code --readers 5}) these seeds once failed liveness: a follower whose
 * replication pipeline lost its in-flight AppendEntries (killed or isolated while they were on the
 * wire) stayed stuck for the rest of the run, so every read it served waited for an apply that
 * never came. The leader probes such a follower on its periodic heartbeat round, but every read
 * round (one per forwarded read, every millisecond or two) restarted the heartbeat clock, so the
 * periodic round, and its stall detection, never ran. Read rounds no longer restart that clock.
 */
class ReadLoadStallSeedsTest {
    @ParameterizedTest(name = "seed {0}: {1}")
    @CsvSource({
        "17, 'kill,leader-churn,isolate-leader'",
        "18, 'replace-node,kill,membership,leader-churn,isolate-leader'"
    })
    void aStalledFollowerIsProbedUnderConstantReadLoad(long seed, String nemesis) {
        RunConfig base = RunConfig.defaults(seed);
        RunConfig cfg = new RunConfig(
                seed,
                base.nodes(),
                base.workload(),
                base.ops(),
                base.timeMs(),
                NemesisSpec.parse(nemesis),
                ReadMode.READ_INDEX,
                base.clients(),
                base.opTimeoutMs(),
                false,
                5,
                0,
                KnobPins.NONE);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.verdict())
                .as("seed %d: %s%n  repro: %s", seed, s.failure(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
    }
}
