package io.raftsim.harness.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.campaign.Campaign;
import io.raftsim.harness.campaign.CampaignReport;
import io.raftsim.harness.campaign.CampaignResult;
import io.raftsim.harness.campaign.Shard;
import io.raftsim.harness.junit.SimulationScenario;
import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.PlantedBugTest;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.SimSeedRunner;
import io.raftsim.harness.run.Verdict;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The end-to-end test: a planted bug (the test-only ack-before-fsync storage wrapper) is
 * found by a small fuzz campaign, and shrinking its first failing seed keeps the same failure with
 * fewer faults and fewer ops. The shrink budget counts runs, so the whole test is deterministic.
 */
class PlantedFailureShrinkTest {
    /** The harness's planted-bug scenario (PlantedBugTest): crashes of a quorum inside the fsync window. */
    private static final RunConfig PLANTED = PlantedBugTest.template(true);

    @Test
    void campaignFindsThePlantedBugAndShrinkingKeepsItWithFewerFaultsAndOps(@TempDir Path tmp) {
        CampaignResult campaign = Campaign.run(
                new Campaign.Options(2, 9, 2, Shard.ALL, false, null, false, true),
                PLANTED,
                new SimSeedRunner(),
                new PrintStream(OutputStream.nullOutputStream()));
        // The planted bug loses acknowledged entries: the first seed caught by an invariant.
        RunSummary failing = campaign.failures().stream()
                .filter(s -> s.verdict() == Verdict.INVALID && s.failure().kind() == Failure.Kind.INVARIANT)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("the planted ack-before-fsync bug broke no invariant in seeds 2..9: "
                                + CampaignReport.table(campaign)));
        RunConfig cfg = PLANTED.withSeed(failing.seed());
        Candidate original = new Candidate(cfg, RunInput.draw(cfg));
        long[] wall = {0};
        ShrinkResult r = new Shrinker(
                        CandidateRunner.simulation(Duration.ofSeconds(20)),
                        ShrinkBudget.runs(40),
                        line -> {},
                        () -> wall[0]++)
                .shrink(original);

        System.out.println("planted seed " + failing.seed() + ": " + r.line() + ", " + r.runs() + " runs; minimal: "
                + r.minimal().describe() + "; "
                + r.minimalOutcome().summary().failure().detail());
        FailureSignature expected = FailureSignature.of(failing);
        assertThat(r.signature()).isEqualTo(expected);
        assertThat(r.minimalOutcome().summary().failure().kind())
                .isEqualTo(failing.failure().kind());
        assertThat(expected.matches(r.minimalOutcome().summary()))
                .as(
                        "shrunk run fails the same way: %s",
                        r.minimalOutcome().summary().failure())
                .isTrue();
        assertThat(r.minimal().faults()).as("fewer faults: %s", r.line()).isLessThan(original.faults());
        assertThat(r.minimal().ops()).as("fewer ops: %s", r.line()).isLessThan(original.ops());

        // The minimal input is data: running it again reproduces the very same run.
        RunOutcome again =
                RunDriver.run(r.minimal().config(), r.minimal().input(), Duration.ofSeconds(20), Long.MAX_VALUE);
        assertThat(again.summary().traceHash())
                .isEqualTo(r.minimalOutcome().summary().traceHash());
        assertThat(expected.matches(again.summary())).isTrue();

        Path dir = tmp.resolve("shrunk");
        ShrinkOutput.write(dir, r);
        for (String f : new String[] {"schedule.json", "ops.json", "history.json", "report.html", "summary.json"}) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        assertThat(dir.resolve("repro.txt"))
                .content()
                .contains("--schedule " + dir.resolve("schedule.json"))
                .contains("--ops-file " + dir.resolve("ops.json"));
        assertThat(dir.resolve("shrink.txt"))
                .content()
                .startsWith("shrunk from " + original.faults() + " faults / " + original.ops() + " ops to "
                        + r.minimal().faults() + " / " + r.minimal().ops() + " in ");
    }

    @Test
    void userApiFailsTheSeedWithItsReproCommand() {
        // Through the public JUnit API a user would call: the first failing seed's test fails.
        SimulationScenario scenario = SimulationScenario.of("planted", PLANTED);
        AssertionFailedError failure = null;
        long seed = 2;
        for (; seed <= 9 && failure == null; seed++) {
            try {
                scenario.verify(seed);
            } catch (AssertionFailedError e) {
                failure = e;
            }
        }
        assertThat(failure).as("a failing seed in 2..9").isNotNull();
        long failed = seed - 1;
        assertThat(failure.getMessage())
                .startsWith("planted seed=" + failed + ": invalid")
                .contains("repro: ./raftsim run --seed " + failed + " --nodes 3");
    }
}
