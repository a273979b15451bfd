package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.report.SummaryCodec;
import io.raftsim.harness.run.RunSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's saved schedule.json and ops.json replay it exactly: what shrink's repro command relies on. */
class RunFilesReplayTest {
    private static final String[] OPTS = {"--nodes", "3", "--ops", "80", "--time", "5s", "--clients", "2"};

    @Test
    void runWithSavedScheduleAndOpsFileHasTheSameTraceHash(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        int code = RaftsimCli.run(concat(new String[] {"run", "--seed", "11", "--out", first.toString()}, OPTS));
        RunSummary a = summary(first);
        Path second = tmp.resolve("second");
        int again = RaftsimCli.run(concat(
                new String[] {
                    "run",
                    "--seed",
                    "11",
                    "--out",
                    second.toString(),
                    "--schedule",
                    first.resolve("schedule.json").toString(),
                    "--ops-file",
                    first.resolve("ops.json").toString()
                },
                OPTS));
        RunSummary b = summary(second);
        assertThat(again).isEqualTo(code);
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(b.events()).isEqualTo(a.events());
    }

    @Test
    void malformedOpsFileIsAUsageError(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("ops.json");
        Files.writeString(bad, "[{\"f\":\"READ\",\"key\":-1,\"value\":0,\"expected\":0,\"thinkMs\":0}]");
        assertThat(RaftsimCli.run(concat(new String[] {"run", "--seed", "1", "--ops-file", bad.toString()}, OPTS)))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
    }

    @Test
    void shrinkingAValidSeedIsAUsageError(@TempDir Path tmp) {
        assertThat(RaftsimCli.run(concat(
                        new String[] {
                            "shrink", "--seed", "2", "--nemesis", "none", "--budget", "20s", "--out", tmp.toString()
                        },
                        OPTS)))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
    }

    @Test
    void shrinkFromARecordedValidRunHasNothingToShrink(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        RaftsimCli.run(concat(new String[] {"run", "--seed", "4", "--nemesis", "none", "--out", run.toString()}, OPTS));
        assertThat(RaftsimCli.run(
                        "shrink",
                        "--seed",
                        "4",
                        "--from",
                        run.toString(),
                        "--out",
                        tmp.resolve("s").toString()))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("shrink", "--seed", "5", "--from", run.toString()))
                .as("the directory holds another seed")
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    static RunSummary summary(Path dir) throws Exception {
        return SummaryCodec.fromJson(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8));
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
