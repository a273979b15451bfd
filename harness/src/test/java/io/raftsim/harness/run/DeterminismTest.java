package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.cli.RaftsimCli;
import io.raftsim.harness.report.SummaryCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and options, same trace hash: in one JVM, across two JVM processes, and on replay. */
class DeterminismTest {
    static final String[] RUN = {"--time", "10s", "--ops", "300", "--nemesis", "all"};

    static String[] args(String cmd, String seed, String... rest) {
        List<String> a = new java.util.ArrayList<>(List.of(cmd, "--seed", seed));
        a.addAll(List.of(RUN));
        a.addAll(List.of(rest));
        return a.toArray(new String[0]);
    }

    static int runJvm(Path out, String seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), RaftsimCli.class.getName()));
        cmd.addAll(List.of(args("run", seed, "--out", out.toString())));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile())
                .start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        return p.exitValue();
    }

    static String hash(Path dir) throws Exception {
        return SummaryCodec.fromJson(Files.readString(dir.resolve("summary.json")))
                .traceHash();
    }

    @Test
    void twoJvmProcessesProduceTheSameTraceHashAndReplayAgrees(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        int ea = runJvm(a, "11");
        int eb = runJvm(b, "11");
        assertThat(ea).isEqualTo(eb);
        assertThat(hash(a)).isEqualTo(hash(b)).matches("[0-9a-f]{32}");
        assertThat(Files.readString(a.resolve("history.json"))).isEqualTo(Files.readString(b.resolve("history.json")));
        for (String f : List.of("schedule.json", "ops.json", "events.log", "checkpoints.txt", "report.html")) {
            assertThat(a.resolve(f)).as(f).exists();
        }
        // A third run, in this JVM, replays the recorded directory and agrees.
        assertThat(RaftsimCli.run("replay", "--seed", "11", "--from", a.toString()))
                .isZero();
    }

    @Test
    void replayNamesTheDivergenceWhenTheRecordDiffers(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("r");
        assertThat(RaftsimCli.run(args("run", "4", "--out", dir.toString()))).isIn(0, 1, 3);
        // Tamper with the record as a code change would: the trace hash and a checkpoint differ.
        Path summary = dir.resolve("summary.json");
        String s = Files.readString(summary);
        String h = hash(dir);
        Files.writeString(summary, s.replace(h, "0".repeat(32)));
        List<String> cps = Files.readAllLines(dir.resolve("checkpoints.txt"));
        cps.set(1, "f".repeat(32));
        Files.write(dir.resolve("checkpoints.txt"), cps);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = RaftsimCli.run("replay", "--seed", "4", "--from", dir.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(out)
                .contains("DIVERGED", "first differing checkpoint: events 4096..8192", "repro: ./raftsim run --seed 4");
    }

    @Test
    void checkDeterminismInProcess() {
        assertThat(RaftsimCli.run(args("replay", "7", "--check-determinism"))).isZero();
    }
}
