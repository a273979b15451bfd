package io.raftsim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.Verdict;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bench on a tiny seed range, under a healed isolation (dissertation §9.6): without PreVote
 * the isolated node inflates its term while cut off and deposes the leader when it rejoins, so the
 * cluster's leader term climbs; with PreVote it does not.
 */
class BenchPreVoteTest {
    static BenchResult result;

    @BeforeAll
    static void runBench() {
        BenchSettings s = new BenchSettings(
                Scenario.ISOLATION,
                0,
                1,
                5,
                9_000,
                600,
                4,
                EngineKnobs.DEFAULTS,
                List.of(Variant.parse("prevote=preVote=true"), Variant.parse("no-prevote=preVote=false")));
        List<String> lines = new ArrayList<>();
        result = BenchRunner.run(s, 1, lines::add);
        assertThat(lines).hasSize(4);
    }

    @Test
    void everyVariantRanEverySeedAndStayedSafe() {
        for (VariantResult v : result.variants()) {
            assertThat(v.runs()).extracting(RunMetrics::seed).containsExactly(0L, 1L);
            assertThat(v.unsafe())
                    .as("%s lost safety: %s", v.variant().name(), v.unsafeRuns())
                    .isFalse();
            assertThat(v.count(Verdict.VALID))
                    .as("verdicts of %s: %s", v.variant().name(), v.runs())
                    .isEqualTo(2);
        }
    }

    @Test
    void withoutPreVoteTheHealedIsolationInflatesTheLeaderTermOnEverySeed() {
        VariantResult on = result.variant("prevote");
        VariantResult off = result.variant("no-prevote");
        for (int i = 0; i < on.runs().size(); i++) {
            RunMetrics a = on.runs().get(i);
            RunMetrics b = off.runs().get(i);
            assertThat(b.maxLeaderTerm())
                    .as(
                            "seed %d: leader term with PreVote off (%s) must exceed PreVote on (%s); repro: %s",
                            a.seed(), b.maxLeaderTerm(), a.maxLeaderTerm(), b.repro())
                    .isGreaterThan(a.maxLeaderTerm() + 2);
        }
        assertThat(off.spreads().get("maxLeaderTerm").median())
                .isGreaterThan(on.spreads().get("maxLeaderTerm").median());
    }

    @Test
    void reportsCarryEveryVariantAndFigure() {
        String text = BenchReport.text(result);
        assertThat(text).contains("prevote", "no-prevote", "max leader term", "commit p99 ms");
        String json = BenchReport.json(result);
        assertThat(json).contains("\"name\" : \"no-prevote\"", "\"maxLeaderTerm\"", "\"verdicts\"");
        String html = BenchReport.html(result);
        assertThat(html).contains("<svg", "no-prevote").doesNotContain("lost safety on");
    }
}
