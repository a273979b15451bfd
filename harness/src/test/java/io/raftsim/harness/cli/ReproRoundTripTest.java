package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.workload.nemesis.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A repro command names every option that changes the run: parsed back through the CLI's own
 * parser it gives the same RunConfig and the same input files as the run it came from.
 */
class ReproRoundTripTest {
    private static final String TWO_KINDS = FaultKind.values()[0].cliName() + "," + FaultKind.values()[1].cliName();

    /** Run options that do not change what runs: where the files go, and picocli's own. */
    private static final List<String> NOT_IN_REPRO = List.of("--out", "--help", "--version");

    /** Every option at a value other than its default, input files with awkward names included. */
    private static final String[] ALL_NON_DEFAULT = {
        "--seed", "42",
        "--nodes", "3",
        "--workload", "register",
        "--ops", "150",
        "--time", "2500ms",
        "--nemesis", TWO_KINDS,
        "--read-mode", "lease",
        "--clients", "3",
        "--readers", "2",
        "--writers", "3",
        "--knob", "heartbeatIntervalMs=20",
        "--knob", "electionTimeoutMs=150",
        "--schedule", "runs/my seed's dir/schedule.json",
        "--ops-file", "runs/shrunk #1/ops.json",
        "--out", "elsewhere"
    };

    static Stream<List<String>> runArguments() {
        return Stream.of(
                List.of("--seed", "0"),
                List.of("--seed", "7", "--nodes", "3"),
                List.of("--seed", "7", "--workload", "register"),
                List.of("--seed", "7", "--ops", "0"),
                List.of("--seed", "7", "--time", "2m"),
                List.of("--seed", "7", "--time", "2500ms"),
                List.of("--seed", "7", "--nemesis", "none"),
                List.of("--seed", "7", "--nemesis", "everything"),
                List.of("--seed", "7", "--nemesis", TWO_KINDS),
                List.of("--seed", "7", "--read-mode", "log"),
                List.of("--seed", "7", "--read-mode", "lease"),
                List.of("--seed", "7", "--knob", "preVote=false", "--knob", "maxAppendEntries=1"),
                List.of("--seed", "7", "--clients", "9"),
                List.of("--seed", "7", "--readers", "5"),
                List.of("--seed", "7", "--writers", "5"),
                List.of("--seed", "7", "--readers", "5", "--writers", "2"),
                List.of("--seed", "7", "--nemesis", "leader-clock-drift,isolate-leader"),
                List.of("--seed", "7", "--schedule", "runs/7/schedule.json"),
                List.of("--seed", "7", "--ops-file", "runs/7-shrunk/ops.json"),
                List.of("--seed", "7", "--schedule", "a b/it's.json", "--ops-file", "c\td/ops.json"),
                List.of(ALL_NON_DEFAULT));
    }

    private static RunCommand parsed(List<String> args) {
        RunCommand rc = new RunCommand();
        new CommandLine(rc).parseArgs(args.toArray(new String[0]));
        return rc;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runArguments")
    void reproParsesBackToTheSameRun(List<String> args) {
        RunCommand original = parsed(args);
        RunConfig cfg = original.options.toConfig(original.seed);
        String repro = cfg.reproCommand(original.scheduleFile, original.opsFile);

        ParsedRepro back = ParsedRepro.parse(repro);

        assertThat(back.config()).as(repro).isEqualTo(cfg);
        assertThat(back.scheduleFile()).as(repro).isEqualTo(original.scheduleFile);
        assertThat(back.opsFile()).as(repro).isEqualTo(original.opsFile);
    }

    @Test
    void everyRunOptionButTheOutputDirectoryIsNamedInTheRepro() {
        RunCommand original = parsed(List.of(ALL_NON_DEFAULT));
        String repro = original.options.toConfig(original.seed).reproCommand(original.scheduleFile, original.opsFile);
        List<String> words = ParsedRepro.shellWords(repro);

        List<String> missing = new ArrayList<>();
        for (OptionSpec option :
                new CommandLine(new RunCommand()).getCommandSpec().options()) {
            if (!NOT_IN_REPRO.contains(option.longestName()) && !words.contains(option.longestName())) {
                missing.add(option.longestName());
            }
        }
        assertThat(missing)
                .as(
                        "options of `run` that the repro leaves out (a new option must go into"
                                + " RunConfig.reproCommand, or into NOT_IN_REPRO if it does not change the run): %s",
                        repro)
                .isEmpty();
    }

    @Test
    void aReproWithoutReadersOrWritersNamesNeitherSoOlderReprosReadTheSame() {
        String repro = parsed(List.of("--seed", "7")).options.toConfig(7).reproCommand();
        assertThat(repro).doesNotContain("--readers").doesNotContain("--writers");
        String with = parsed(List.of("--seed", "7", "--writers", "4"))
                .options
                .toConfig(7)
                .reproCommand();
        assertThat(with).endsWith(" --writers 4").doesNotContain("--readers");
    }

    @Test
    void shellWordsReadQuotesAndStopAtAComment() {
        assertThat(ParsedRepro.shellWords("./raftsim run  --schedule 'a b/it'\\''s.json' --ops 5   # note 'x"))
                .containsExactly("./raftsim", "run", "--schedule", "a b/it's.json", "--ops", "5");
        assertThat(ParsedRepro.shellWords("run --ops-file 'x #1/ops.json'"))
                .containsExactly("run", "--ops-file", "x #1/ops.json");
        assertThatThrownBy(() -> ParsedRepro.shellWords("run --schedule 'open"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unterminated quote");
    }

    @Test
    void aReproThatIsNotARunCommandIsAUsageError() {
        assertThatThrownBy(() -> ParsedRepro.parse("./raftsim fuzz --seeds 0..9"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("not a run command");
        assertThatThrownBy(() -> ParsedRepro.parse("./raftsim run --seed 1 --no-such-option"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("does not parse");
    }

    /** The bug this test pins: {@code run --schedule FILE} recorded a repro that drew a new schedule. */
    @Test
    void aRunWithSavedInputFilesRecordsAReproThatPlaysThemAgain(@TempDir Path tmp) throws Exception {
        String[] opts = {"--nodes", "3", "--ops", "80", "--time", "5s", "--clients", "2", "--nemesis", "none"};
        Path first = tmp.resolve("first run");
        RaftsimCli.run(
                RunFilesReplayTest.concat(new String[] {"run", "--seed", "11", "--out", first.toString()}, opts));
        // Input files under other names, so that the repro must name them to find them.
        Path schedule = Files.copy(first.resolve("schedule.json"), tmp.resolve("saved schedule.json"));
        Path ops = Files.copy(first.resolve("ops.json"), tmp.resolve("saved-ops.json"));
        Path second = tmp.resolve("second");
        List<String> args = new ArrayList<>(List.of("run", "--seed", "11", "--out", second.toString()));
        args.addAll(List.of("--schedule", schedule.toString(), "--ops-file", ops.toString()));
        args.addAll(List.of(opts));
        int code = RaftsimCli.run(args.toArray(new String[0]));
        RunSummary played = RunFilesReplayTest.summary(second);

        ParsedRepro repro = ParsedRepro.parse(played.repro());
        assertThat(repro.scheduleFile()).as(played.repro()).isEqualTo(schedule);
        assertThat(repro.opsFile()).as(played.repro()).isEqualTo(ops);

        // The recorded repro, run as it stands (but for its output directory), is the same run.
        List<String> words = new ArrayList<>(ParsedRepro.shellWords(played.repro()));
        words.addAll(List.of("--out", tmp.resolve("third").toString()));
        int again = RaftsimCli.run(words.subList(1, words.size()).toArray(new String[0]));
        RunSummary replayed = RunFilesReplayTest.summary(tmp.resolve("third"));
        assertThat(again).isEqualTo(code);
        assertThat(replayed.traceHash()).as(played.repro()).isEqualTo(played.traceHash());
        assertThat(replayed.repro()).isEqualTo(played.repro());
    }
}
