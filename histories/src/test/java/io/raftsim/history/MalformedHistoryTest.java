package io.raftsim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed input is one clear line naming the file, the op and the field. */
class MalformedHistoryTest {
    static HistoryFormatException jsonError(String text) {
        HistoryFormatException e = catchThrowableOfType(
                HistoryFormatException.class,
                () -> Histories.read("bad.json", new StringReader(text), Histories.Format.JSON));
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("bad.json");
        return e;
    }

    static HistoryFormatException ednError(String text) {
        HistoryFormatException e = catchThrowableOfType(
                HistoryFormatException.class,
                () -> Histories.read("bad.edn", new StringReader(text), Histories.Format.EDN));
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("bad.edn");
        return e;
    }

    static final String INV = "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}";

    @Test
    void truncatedFileNamesLineAndColumn() {
        HistoryFormatException e = jsonError("[\n" + INV + ",\n{\"process\":0,\"type\":\"ok\",\"f\":\"re");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isPositive();
        assertThat(e.opPosition()).isEqualTo(1);
        assertThat(e.getMessage()).matches("bad\\.json:3:\\d+: op 1: syntax error: .*");
        assertThat(jsonError("[" + INV).getMessage()).contains("syntax error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown type | {\"process\":0,\"type\":\"done\",\"f\":\"read\"} | type | unknown type \"done\"",
                "type is a number | {\"process\":0,\"type\":1,\"f\":\"read\"} | type | expected a string, got number 1",
                "missing type | {\"process\":0,\"f\":\"read\"} | type | missing",
                "process is boolean | {\"process\":true,\"type\":\"invoke\",\"f\":\"read\"} | process | expected an integer or a name",
                "process is huge | {\"process\":123456789012345678901234567890,\"type\":\"invoke\",\"f\":\"read\"} | process | integer out of range",
                "f is an array | {\"process\":0,\"type\":\"invoke\",\"f\":[1]} | f | expected a string, got array [1]",
                "missing f | {\"process\":0,\"type\":\"invoke\"} | f | missing",
                "time is a string | {\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"time\":\"x\"} | time | expected an integer",
                "time is huge | {\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"time\":99999999999999999999} | time | integer out of range",
                "index is fractional | {\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"index\":1.5} | index | expected an integer",
            })
    void wrongFieldTypesNameTheField(String name, String op, String field, String problem) {
        HistoryFormatException e =
                jsonError("[\n" + INV + ",\n{\"process\":9,\"type\":\"invoke\",\"f\":\"w\"},\n" + op + "\n]");
        assertThat(e.opPosition()).isEqualTo(2);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage())
                .startsWith("bad.json:4:1: op 2, field \"" + field + "\": ")
                .contains(problem);
    }

    @Test
    void completionWithoutInvocation() {
        HistoryFormatException e = jsonError("[{\"process\":4,\"type\":\"ok\",\"f\":\"read\",\"value\":1}]");
        assertThat(e.getMessage())
                .isEqualTo(
                        "bad.json: op 0, field \"type\": completion \"ok\" of process 4 without an outstanding invocation");
    }

    @Test
    void twoOutstandingOpsOnOneProcess() {
        HistoryFormatException e = jsonError("[" + INV + "," + INV.replace("read", "write") + "]");
        assertThat(e.getMessage())
                .isEqualTo(
                        "bad.json: op 1, field \"process\": process 0 invokes \"write\" while its op 0 (\"read\") is still outstanding");
    }

    @Test
    void completionWithAnotherF() {
        HistoryFormatException e =
                jsonError("[" + INV + ",{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}]");
        assertThat(e.field()).isEqualTo("f");
        assertThat(e.getMessage()).contains("op 1").contains("\"write\"").contains("\"read\"");
    }

    @Test
    void notAnOpObject() {
        assertThat(jsonError("[" + INV + ",42]").getMessage()).contains("op 1: expected an op object, got a number");
        assertThat(jsonError("").getMessage()).contains("empty input");
        assertThat(jsonError("[" + INV + "] {}").getMessage()).contains("after the closing");
        assertThat(jsonError("[{\"process\":0,\"type\":\"invoke\" \"f\":\"x\"}]")
                        .getMessage())
                .startsWith("bad.json:1:")
                .contains("syntax error");
    }

    @Test
    void deepNestingAndLongNumbersHitParserLimitsCleanly() {
        String deep = "[".repeat(100_000);
        HistoryFormatException e =
                jsonError("[{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":" + deep + "}]");
        assertThat(e.opPosition()).isZero();
        assertThat(e.getMessage()).contains("nesting");
        String longNumber = "9".repeat(5000);
        assertThat(jsonError("[{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":" + longNumber + "}]")
                        .getMessage())
                .containsIgnoringCase("number")
                .hasSizeLessThan(400);
        HistoryFormatException ednDeep = ednError("{:process 0 :type :invoke :f :read :value " + deep + "}");
        assertThat(ednDeep.getMessage()).contains("nest");
    }

    @Test
    void ednErrorsNameLineAndField() {
        HistoryFormatException syntax = ednError("{:process 0 :type :invoke :f :read}\n{:process 1 :type :invoke :f");
        assertThat(syntax.line()).isEqualTo(2);
        assertThat(syntax.opPosition()).isEqualTo(1);
        HistoryFormatException type = ednError("{:process 0 :type :invoked :f :read}");
        assertThat(type.getMessage())
                .isEqualTo(
                        "bad.edn:1:1: op 0, field \"type\": unknown type \"invoked\" (expected invoke, ok, fail or info)");
        assertThat(ednError("{:process 0 :type :invoke :f :read}\n:oops").getMessage())
                .contains("op 1: expected an op map, got ':oops'");
    }

    @Test
    void missingFileIsAClearError() {
        HistoryFormatException e = catchThrowableOfType(
                HistoryFormatException.class, () -> Histories.read(Path.of("no-such-dir", "h.json")));
        assertThat(e.getMessage()).endsWith("h.json: no such file");
    }
}
