package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RaftsimCliTest {
    @Test
    void seedRangeParsesRangesAndSingleSeeds() {
        assertThat(SeedRange.parse("0..199")).isEqualTo(new SeedRange(0, 199));
        assertThat(SeedRange.parse("7").count()).isEqualTo(1);
        assertThatThrownBy(() -> SeedRange.parse("9..3")).hasMessageContaining("9..3");
        assertThatThrownBy(() -> SeedRange.parse("a..b")).hasMessageContaining("expected A..B");
    }

    @Test
    void unsupportedOrMalformedRunOptionsAreUsageErrors() {
        assertThat(RaftsimCli.run("run", "--seed", "1", "--read-mode", "quorum"))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("run", "--seed", "1", "--nemesis", "meteor")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("run", "--seed", "1", "--workload", "queue")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("run", "--seed", "1", "--time", "soon")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("fuzz", "--shard", "3/2")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("replay", "--seed", "1")).isEqualTo(RaftsimCli.EXIT_USAGE);
    }

    @Test
    void runWritesEveryOutputFileAndFuzzWritesItsReports(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path run = tmp.resolve("run");
        int code = RaftsimCli.run("run", "--seed", "2", "--time", "5s", "--ops", "100", "--out", run.toString());
        assertThat(code).isEqualTo(RaftsimCli.EXIT_VALID);
        for (String f : new String[] {
            "history.json", "schedule.json", "ops.json", "summary.json", "events.log", "checkpoints.txt", "report.html"
        }) {
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        }
        String summary = java.nio.file.Files.readString(run.resolve("summary.json"));
        assertThat(summary)
                .contains(
                        "\"seed\" : 2",
                        "\"verdict\" : \"valid\"",
                        "\"failure\" : null",
                        "\"traceHash\"",
                        "\"simulatedMs\"",
                        "\"wallMs\"",
                        "\"events\"",
                        "\"invoked\"",
                        "\"faults\"",
                        "\"leaders\"",
                        "\"snapshotsInstalled\"",
                        "\"membershipChanges\"",
                        "\"leaderTransfers\"",
                        "\"repro\" : \"./raftsim run --seed 2 ");
        java.nio.file.Path fuzz = tmp.resolve("fuzz");
        code = RaftsimCli.run(
                "fuzz",
                "--seeds",
                "0..3",
                "--jobs",
                "2",
                "--time",
                "5s",
                "--ops",
                "100",
                "--quiet",
                "--out",
                fuzz.toString());
        assertThat(code).isEqualTo(RaftsimCli.EXIT_VALID);
        assertThat(java.nio.file.Files.readString(fuzz.resolve("campaign.json")))
                .contains("\"seeds\" : 4", "\"valid\" : 4");
        assertThat(java.nio.file.Files.readString(fuzz.resolve("junit.xml"))).contains("tests=\"4\"", "failures=\"0\"");
    }

    @Test
    void unknownOptionIsUsageErrorWithExitCode2() {
        assertThat(RaftsimCli.run("fuzz", "--no-such-option")).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("fuzz", "--seeds", "x")).isEqualTo(RaftsimCli.EXIT_USAGE);
    }
}
