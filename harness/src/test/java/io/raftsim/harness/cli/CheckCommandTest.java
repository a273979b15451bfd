package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = RaftsimCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static final String VALID = "[\n"
            + "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1},\n"
            + "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1},\n"
            + "{\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start\",\"value\":null},\n"
            + "{\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start\",\"value\":\"partition\"},\n"
            + "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null},\n"
            + "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n"
            + "]\n";

    static final String INVALID =
            VALID.replace("\"ok\",\"f\":\"read\",\"value\":1", "\"ok\",\"f\":\"read\",\"value\":2");

    Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validHistoryExitsZeroAndPrintsTheVerdictLine() throws IOException {
        Path f = file("ok.json", VALID);
        Run r = run("check", f.toString(), "--model", "cas-register", "--init", "0");
        assertThat(r.exit).as(r.err).isEqualTo(RaftsimCli.EXIT_VALID);
        assertThat(r.out).startsWith("valid   " + f + "  ops=2 keys=1 time=");
    }

    @Test
    void invalidHistoryExitsOneWithTheCounterexample() throws IOException {
        Path f = file("bad.json", INVALID);
        Run r = run("check", f.toString(), "--model", "cas-register", "--init", "0");
        assertThat(r.exit).isEqualTo(RaftsimCli.EXIT_VIOLATION);
        assertThat(r.out)
                .startsWith("invalid " + f)
                .contains("op 4..5 (process 1 read null -> ok 2) cannot be linearized");
    }

    @Test
    void budgetExhaustionExitsThree() throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int p = 0; p < 6; p++) {
            sb.append("{\"process\":")
                    .append(p)
                    .append(",\"type\":\"invoke\",\"f\":\"write\",\"value\":")
                    .append(p)
                    .append("},");
        }
        for (int p = 0; p < 6; p++) {
            sb.append("{\"process\":")
                    .append(p)
                    .append(",\"type\":\"ok\",\"f\":\"write\",\"value\":")
                    .append(p)
                    .append("},");
        }
        sb.append(
                "{\"process\":9,\"type\":\"invoke\",\"f\":\"read\"},{\"process\":9,\"type\":\"ok\",\"f\":\"read\",\"value\":5}]");
        Path f = file("big.json", sb.toString());
        Run r = run("check", f.toString(), "--model", "cas-register", "--max-configurations", "2");
        assertThat(r.exit).isEqualTo(RaftsimCli.EXIT_UNKNOWN);
        assertThat(r.out).startsWith("unknown").contains("budget");
    }

    @Test
    void memoryBudgetIsAnOptionAndRunningOutOfItIsUnknown() throws IOException {
        Path f = file("valid.json", VALID);
        Run ok = run("check", f.toString(), "--model", "cas-register", "--max-memory", "64m");
        assertThat(ok.exit).as(ok.err).isEqualTo(RaftsimCli.EXIT_VALID);
        // Below what the search's first table takes: the budget is what stops it.
        Run tiny = run("check", f.toString(), "--model", "cas-register", "--max-memory", "1k");
        assertThat(tiny.exit).as(tiny.err).isEqualTo(RaftsimCli.EXIT_UNKNOWN);
        assertThat(tiny.out).startsWith("unknown").contains("memory budget of 0 MiB exhausted");
        assertThat(CheckCommand.parseSize("2g")).isEqualTo(2L << 30);
        assertThat(CheckCommand.parseSize("512MiB")).isEqualTo(512L << 20);
        for (String bad : new String[] {"12", "12x", "0m", "-1g", "99999999999g"}) {
            Run r = run("check", f.toString(), "--model", "cas-register", "--max-memory", bad);
            assertThat(r.exit).as(bad).isEqualTo(RaftsimCli.EXIT_USAGE);
            assertThat(r.err.strip())
                    .as(bad)
                    .startsWith("raftsim:")
                    .contains("--max-memory")
                    .doesNotContain("\n");
        }
    }

    @Test
    void malformedFileIsOneLineAndExitTwo() throws IOException {
        Path f = file("trunc.json", VALID.substring(0, 80));
        Run r = run("check", f.toString(), "--model", "cas-register");
        assertThat(r.exit).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(r.err.strip())
                .startsWith("raftsim: " + f + ":")
                .contains("syntax error")
                .doesNotContain("\n");
        assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
        Run model = run(
                "check",
                file("x.json", "[{\"process\":0,\"type\":\"invoke\",\"f\":\"cas\",\"value\":3}]")
                        .toString(),
                "--model",
                "cas-register");
        assertThat(model.exit).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(model.err.strip())
                .endsWith("op 0, field \"value\": cas value [old, new] must be a 2-element array, got 3");
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path f = file("ok.json", VALID);
        assertThat(run("check", f.toString(), "--model", "nope").exit).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(run("check", f.toString(), "--model", "register", "--init", "{oops").exit)
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(run("check", f.toString(), "--model", "register", "--time-limit", "soon").exit)
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(run("check", f.toString(), "--model", "register", "--time-limit", "99999999999999999999h").exit)
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(run("check", f.toString()).exit).isEqualTo(RaftsimCli.EXIT_USAGE);
        Run missing = run("check", dir.resolve("none.json").toString(), "--model", "register");
        assertThat(missing.exit).isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(missing.err).contains("no such file");
    }

    @Test
    void jsonOutputAndHtmlReportForSeveralFiles() throws IOException {
        Path ok = file("ok.json", VALID);
        Path bad = file(
                "bad.edn",
                "{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type :ok :f :write :value 1}\n"
                        + "{:process 1 :type :invoke :f :read :value nil}\n{:process 1 :type :ok :f :read :value 2}\n");
        Path html = dir.resolve("report.html");
        Run r = run(
                "check",
                ok.toString(),
                bad.toString(),
                "--model",
                "cas-register",
                "--init",
                "0",
                "--json",
                "--html",
                html.toString());
        assertThat(r.exit).isEqualTo(RaftsimCli.EXIT_VIOLATION);
        assertThat(r.out.strip())
                .startsWith("{\"exitCode\":1,\"files\":[{\"file\":\"" + ok + "\",\"verdict\":\"valid\"");
        assertThat(r.out).contains("\"verdict\":\"invalid\"").contains("\"failingInvocation\":2");
        String okHtml = Files.readString(dir.resolve("report-ok.html"));
        assertThat(okHtml)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("nemesis start")
                .doesNotContain("<script");
        String badHtml = Files.readString(dir.resolve("report-bad.html"));
        assertThat(badHtml).contains("#e53935").contains("cannot be placed");
    }
}
