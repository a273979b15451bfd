package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.campaign.Campaign;
import io.raftsim.harness.campaign.CampaignResult;
import io.raftsim.harness.campaign.Shard;
import io.raftsim.workload.nemesis.KnobPins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * End to end: a durability bug planted in the storage path (log appends reported durable before
 * the fsync, i.e. a follower acknowledging AppendEntries before its data is on disk) is caught by a
 * small fuzz campaign under the crash nemeses, while the same campaign on the correct storage path
 * is valid.
 */
public class PlantedBugTest {
    /** The planted-bug scenario: crashes of a quorum inside the fsync window. */
    public static RunConfig template(boolean unsafeAckBeforeFsync) {
        return new RunConfig(
                0,
                3,
                Workload.KV,
                3_000,
                20_000,
                NemesisSpec.parse("power-loss,kill"),
                ReadMode.LOG,
                10,
                2_000,
                unsafeAckBeforeFsync,
                0,
                0,
                KnobPins.NONE);
    }

    static CampaignResult campaign(boolean unsafe) {
        return Campaign.run(
                new Campaign.Options(0, 5, 2, Shard.ALL, false, null, false, true),
                template(unsafe),
                new SimSeedRunner(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void ackBeforeFsyncIsCaughtAsAnInvariantViolation() {
        CampaignResult broken = campaign(true);
        assertThat(broken.count(Verdict.INVALID))
                .as("failures %s", broken.failures())
                .isGreaterThanOrEqualTo(1);
        assertThat(broken.failures())
                .as("at least one failure is a Raft invariant naming the lost acknowledged or committed entry")
                .anySatisfy(s -> {
                    assertThat(s.failure().kind()).isEqualTo(Failure.Kind.INVARIANT);
                    assertThat(s.failure().detail())
                            .containsPattern(
                                    "log-durability|leader-completeness|acked-write-lost|state-machine-safety");
                    assertThat(s.repro()).contains("--seed " + s.seed()).contains("unsafeAckBeforeFsync");
                });
    }

    @Test
    void theSameCampaignOnTheCorrectStoragePathIsValid() {
        CampaignResult correct = campaign(false);
        assertThat(correct.failures()).as("failures of the correct engine").isEmpty();
        assertThat(correct.runs()).hasSize(6);
    }
}
