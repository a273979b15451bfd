package io.raftsim.harness.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mutant's own campaign options, how they combine with the global ones, and the shrunk size. */
class MutantCampaignTest {
    private static final Path NOTE = Path.of("x.md");

    @Test
    void campaignLineIsParsedFromTheNote() {
        assertThat(MutantCorpus.campaignArgs(
                        NOTE, List.of("# x", "", "Campaign: `--read-mode lease --nemesis kill,clock-drift`", "text")))
                .containsExactly("--read-mode", "lease", "--nemesis", "kill,clock-drift");
        assertThat(MutantCorpus.campaignArgs(NOTE, List.of("# x", "no campaign here")))
                .isEmpty();
        assertThatThrownBy(() -> MutantCorpus.campaignArgs(NOTE, List.of("Campaign: `lease`")))
                .hasMessageContaining("fuzz options");
        assertThatThrownBy(
                        () -> MutantCorpus.campaignArgs(NOTE, List.of("Campaign: `--ops 10`", "Campaign: `--ops 20`")))
                .hasMessageContaining("two Campaign");
    }

    @Test
    void aMutantsOwnOptionsReplaceTheGlobalOnes() {
        List<String> global = List.of("--workload", "register", "--nemesis=kill", "--quiet", "--ops", "100");
        assertThat(JdkMutantRunner.mergeArgs(global, List.of("--nemesis", "leader-churn", "--ops=300")))
                .containsExactly("--workload", "register", "--quiet", "--nemesis", "leader-churn", "--ops=300");
        assertThat(JdkMutantRunner.mergeArgs(global, List.of())).isEqualTo(global);
    }

    @Test
    void shrunkSizeIsReadFromShrinkTxt() {
        assertThat(ShrinkLine.size(
                        "shrunk from 12 faults / 2000 ops to 2 / 31 in 88.0 seconds\nfailure: x\nruns: 40\n"))
                .isEqualTo("12/2000 -> 2/31");
        assertThat(ShrinkLine.size(
                        "shrunk from 9 faults / 2000 ops to 4 / 700 in 90.1 seconds\nruns: 12 (budget spent)\n"))
                .isEqualTo("9/2000 -> 4/700 (budget)");
        assertThatThrownBy(() -> ShrinkLine.size("nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
