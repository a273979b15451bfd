package io.raftsim.checker;

import static io.raftsim.checker.Hist.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.bench.RegisterHistoryGenerator;
import io.raftsim.checker.html.HtmlReport;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void invalidHistoryShowsTimelineFailingOpNemesisBandAndPrefix() {
        Hist h = new Hist()
                .invoke(0, "write", 1L)
                .nemesis("start", null)
                .nemesis("start", "partition <n1>")
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L)
                .nemesis("stop", null)
                .nemesis("stop", "healed");
        History history = h.build();
        CheckResult r = LinearizabilityChecker.check(
                history,
                Models.byName("cas-register").orElseThrow(),
                CheckOptions.defaults().withInit(0L));
        String html = HtmlReport.render(history, r);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        // Lanes per process, the failing read in red, the linearized write numbered.
        assertThat(html).contains(">p 0</text>").contains(">p 1</text>");
        assertThat(html).contains("fill=\"#e53935\"").contains("CANNOT BE LINEARIZED");
        assertThat(html).contains("#1 write 1");
        // The partition is a band with its (escaped) description; the fault interval too.
        assertThat(html)
                .contains("nemesis start &quot;partition &lt;n1&gt;&quot;")
                .contains("fill=\"#fde2e2\"");
        assertThat(html).contains("longest linearizable prefix (1 ops)");
    }

    @Test
    void largeKeysAreWindowedAroundTheFailureSoTheFileStaysSmall() {
        // No info ops: proving a long single-key history invalid with many pending info ops can
        // exhaust the budget (see LinearizabilityChecker), which is not what this test is about.
        History h = RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(3, 5, 5_000, 1, 5, 0));
        // Corrupt a late read so that the failing window is far from the start.
        List<Op> ops = new ArrayList<>(h.ops());
        int victim = -1;
        for (int i = ops.size() - 1; i >= 0 && victim < 0; i--) {
            if (ops.get(i).type() == OpType.OK && ops.get(i).f().equals("read")) {
                victim = i;
            }
        }
        ops.set(victim, ops.get(victim).withValue(999L));
        History bad = History.of("big", ops);
        CheckResult r = LinearizabilityChecker.check(
                bad,
                Models.byName("cas-register").orElseThrow(),
                CheckOptions.defaults().withInit(0L));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        String html = HtmlReport.render(bad, r, 200, 12);
        assertThat(html).contains("showing ops").contains("CANNOT BE LINEARIZED");
        assertThat(html.length()).isLessThan(400_000);
        long drawnOps = html.lines().filter(l -> l.startsWith("<g><title>op ")).count();
        assertThat(drawnOps).isEqualTo(200);
    }

    @Test
    void manyKeysDrawOnlyABoundedNumber() {
        Hist h = new Hist();
        for (int k = 0; k < 30; k++) {
            h.invoke(0, "write", list((long) k, 1L)).ok(0, "write", list((long) k, 1L));
        }
        History history = h.build();
        CheckResult r = LinearizabilityChecker.check(
                history,
                Models.byName("cas-register").orElseThrow(),
                CheckOptions.defaults().withInit(0L));
        assertThat(r.keys()).hasSize(30);
        String html = HtmlReport.render(history, r);
        assertThat(html).contains("18 more key(s) not drawn");
        assertThat(html.split("<svg ", -1)).hasSize(HtmlReport.DEFAULT_MAX_KEYS_DRAWN + 1);
    }
}
