package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.workload.nemesis.KnobPins;
import org.junit.jupiter.api.Test;

/**
 * The operator actions the engine's part 2 offers really happen, and the summary counts them:
 * followers cut off while the leader snapshots and compacts catch up by InstallSnapshot
 * ({@code snapshotsInstalled}), and the leader-transfer fault makes leaders hand over
 * ({@code leaderTransfers}), and the membership fault removes voters and adds them back
 * ({@code membershipChanges}); every run stays valid.
 */
class SnapshotsAndTransfersTest {
    @Test
    void isolatedFollowersCatchUpByInstallSnapshot() {
        RunConfig cfg = new RunConfig(
                7,
                5,
                Workload.KV,
                2_000,
                60_000,
                NemesisSpec.parse("snapshot,isolate,kill,halves"),
                ReadMode.LOG,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.verdict()).as("repro: %s", cfg.reproCommand()).isEqualTo(Verdict.VALID);
        assertThat(s.snapshotsInstalled())
                .as("snapshots installed on followers; repro: %s", cfg.reproCommand())
                .isGreaterThan(0L);
    }

    @Test
    void leaderTransfersAreCounted() {
        RunConfig cfg = new RunConfig(
                3,
                5,
                Workload.KV,
                300,
                20_000,
                NemesisSpec.parse("leader-transfer"),
                ReadMode.LOG,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.verdict()).as("repro: %s", cfg.reproCommand()).isEqualTo(Verdict.VALID);
        assertThat(s.leaderTransfers())
                .as("transfers started (faults %s); repro: %s", s.faults(), cfg.reproCommand())
                .isGreaterThan(0L);
        assertThat(s.leaders())
                .as("a transfer is an election won by the target")
                .isGreaterThan(1L);
    }

    @Test
    void membershipChangesAreCountedAndEveryNodeIsAVoterAgain() {
        RunConfig cfg = new RunConfig(
                1,
                5,
                Workload.KV,
                2_000,
                60_000,
                NemesisSpec.parse("membership,kill,isolate"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
        RunSummary s = RunDriver.run(cfg).summary();
        assertThat(s.verdict())
                .as("%s; repro: %s", s.failure(), cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
        // Each removal that completed is followed by its re-addition (before or at the heal), so
        // the count is at least twice the fires that the engine carried out.
        assertThat(s.membershipChanges())
                .as("changes (faults %s); repro: %s", s.faults(), cfg.reproCommand())
                .isGreaterThanOrEqualTo(2L);
    }
}
