package io.raftsim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryCodecTest {
    static History json(String text) {
        return Histories.read("h.json", new StringReader(text), Histories.Format.JSON);
    }

    static History edn(String text) {
        return Histories.read("h.edn", new StringReader(text), Histories.Format.EDN);
    }

    @Test
    void readsArrayWithAbsentValueUnknownKeysAndNamedProcesses() {
        History h = json("[\n"
                + "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"},\n"
                + "{\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start\",\"value\":\"cut\"},\n"
                + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":3,\"time\":17,\"error\":{\"why\":[1,2.5]}}\n"
                + "]");
        assertThat(h.size()).isEqualTo(3);
        Op read = h.get(0);
        assertThat(read.value()).isNull();
        assertThat(read.index()).isZero();
        assertThat(read.hasTime()).isFalse();
        assertThat(h.get(1).process()).isEqualTo(new ProcessId.Named("nemesis"));
        assertThat(h.get(1).isClientOp()).isFalse();
        Op ok = h.get(2);
        assertThat(ok.type()).isEqualTo(OpType.OK);
        assertThat(ok.value()).isEqualTo(3L);
        assertThat(ok.timeNs()).isEqualTo(17L);
        assertThat(ok.extra()).containsOnlyKeys("error");
        assertThat(JsonValues.toJson(ok.extra().get("error"))).isEqualTo("{\"why\":[1,2.5]}");
    }

    @Test
    void writesWhatItReadsBackIdenticallyInBothLayouts() {
        History h = json(
                "[{\"index\":5,\"process\":1,\"type\":\"invoke\",\"f\":\"cas\",\"value\":[1,\"x\"],\"note\":true},"
                        + "{\"index\":6,\"time\":9,\"process\":1,\"type\":\"fail\",\"f\":\"cas\",\"value\":[1,\"x\"]},"
                        + "{\"index\":7,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"kill\",\"value\":{\"n\":[\"n1\"]}}]");
        for (JsonOpWriter.Layout layout : JsonOpWriter.Layout.values()) {
            StringWriter out = new StringWriter();
            Histories.write(out, h.ops(), layout);
            History back = json(out.toString());
            assertThat(back.ops()).as("layout %s:\n%s", layout, out).isEqualTo(h.ops());
        }
        StringWriter out = new StringWriter();
        Histories.write(out, h.ops(), JsonOpWriter.Layout.ARRAY);
        assertThat(out.toString())
                .startsWith(
                        "[\n{\"index\":5,\"type\":\"invoke\",\"process\":1,\"f\":\"cas\",\"value\":[1,\"x\"],\"note\":true},\n");
    }

    @Test
    void readsJsonLines() {
        History h = json("{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n"
                + "{\"process\":0,\"type\":\"info\",\"f\":\"write\",\"value\":1}\n");
        assertThat(h.ops()).extracting(Op::type).containsExactly(OpType.INVOKE, OpType.INFO);
    }

    @Test
    void streamsOneOpAtATime() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append(
                            "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"},{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":")
                    .append(i)
                    .append('}');
        }
        sb.append(']');
        try (OpReader r = Histories.open("big.json", new StringReader(sb.toString()), Histories.Format.JSON)) {
            Op first = r.next();
            assertThat(first.type()).isEqualTo(OpType.INVOKE);
            Op second = r.next();
            assertThat(second.value()).isEqualTo(0L);
            long n = 2;
            while (r.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(2000);
        }
    }

    @Test
    void hugeValuesAreKeptExactly() {
        History h =
                json("[{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":123456789012345678901234567890}]");
        assertThat(h.get(0).value()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void readsJepsenEdnWithKeywordsRecordsAndVectors() {
        String text = "{:type :invoke, :f :cas, :value [1 2], :process 0, :time 10, :index 0}\n"
                + "{:type :info, :f :start, :value nil, :process :nemesis, :time 11, :index 1}\n"
                + "#jepsen.history.Op{:type :ok, :f :cas, :value [1 2], :process 0, :time 12, :index 2, :error [:a \"b\"]}\n"
                + "{:type :invoke, :f :txn, :value [[:r :x nil] [:w :y 2.5]], :process 1}\n";
        History h = edn(text);
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.get(0).type()).isEqualTo(OpType.INVOKE);
        assertThat(h.get(0).f()).isEqualTo("cas");
        assertThat(h.get(0).value()).isEqualTo(List.of(1L, 2L));
        assertThat(h.get(1).process()).isEqualTo(new ProcessId.Named("nemesis"));
        assertThat(h.get(2).extra()).isEqualTo(Map.of("error", List.of("a", "b")));
        assertThat(JsonValues.toJson(h.get(3).value())).isEqualTo("[[\"r\",\"x\",null],[\"w\",\"y\",2.5]]");
        History vector = edn("[" + text + "]");
        assertThat(vector.ops()).isEqualTo(h.ops());
    }

    @Test
    void ednAndJsonGiveTheSameOps() {
        History fromEdn = edn("{:process 3, :type :invoke, :f :write, :value 4}");
        History fromJson = json("[{\"process\":3,\"type\":\"invoke\",\"f\":\"write\",\"value\":4}]");
        assertThat(fromEdn.ops()).isEqualTo(fromJson.ops());
    }

    @Test
    void parsesSingleJsonValues() {
        assertThat(JsonValues.parse("{\"x\":0,\"y\":[1,null]}"))
                .isEqualTo(Map.of("x", 0L, "y", java.util.Arrays.asList(1L, null)));
        assertThat(JsonValues.parse("null")).isNull();
        assertThat(JsonValues.parse("false")).isEqualTo(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonValues.parse("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON value: x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonValues.parse("1 2"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
