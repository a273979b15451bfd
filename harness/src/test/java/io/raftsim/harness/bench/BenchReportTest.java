package io.raftsim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.Verdict;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A variant that lost safety is shown as unsafe, in red, and its speed is not presented as a result. */
class BenchReportTest {
    private static RunMetrics run(long seed, Verdict verdict, String failure, double p50) {
        return new RunMetrics(
                seed,
                verdict,
                failure,
                p50,
                p50 * 2,
                p50,
                100,
                0,
                Double.NaN,
                Double.NaN,
                1,
                1,
                1,
                1,
                20,
                2000,
                3,
                0,
                "repro " + seed);
    }

    @Test
    void unsafeVariantIsRedAndNotAFasterRow() {
        BenchSettings s = new BenchSettings(
                Scenario.STEADY,
                0,
                1,
                5,
                9_000,
                100,
                2,
                EngineKnobs.DEFAULTS,
                List.of(Variant.parse("safe"), Variant.parse("fast-but-wrong=batch=1")));
        VariantResult safe = new VariantResult(
                s.variants().get(0),
                EngineKnobs.DEFAULTS,
                List.of(run(0, Verdict.VALID, null, 5), run(1, Verdict.VALID, null, 6)));
        VariantResult wrong = new VariantResult(
                s.variants().get(1),
                EngineKnobs.DEFAULTS,
                List.of(
                        run(0, Verdict.VALID, null, 1),
                        run(1, Verdict.INVALID, "linearizability: stale read of key 3", 1)));
        BenchResult r = new BenchResult(s, List.of(safe, wrong));
        assertThat(wrong.unsafe()).isTrue();
        assertThat(safe.unsafe()).isFalse();
        String text = BenchReport.text(r);
        assertThat(text).contains("fast-but-wrong UNSAFE", "(unsafe)", "stale read of key 3", "repro 1");
        assertThat(text).containsPattern("commit p50 ms\\s+5.00 \\[5.00–6.00\\]\\s+\\(unsafe\\)");
        String html = BenchReport.html(r);
        assertThat(html).contains("fill=\"#c00\">fast-but-wrong UNSAFE", "lost safety on 1 seed(s)");
        assertThat(BenchReport.json(r)).contains("\"unsafe\" : true", "\"invalid\" : 1");
    }

    @Test
    void livenessFailureIsCountedButIsNotASafetyLoss() {
        Variant v = Variant.parse("slow");
        VariantResult r = new VariantResult(
                v, EngineKnobs.DEFAULTS, List.of(run(0, Verdict.INVALID, "liveness: no op completed", 5)));
        assertThat(r.unsafe()).isFalse();
        assertThat(r.count(Verdict.INVALID)).isEqualTo(1);
    }

    @Test
    void spreadIsNearestRankOverTheSeedsThatHaveTheFigure() {
        Spread sp = Stats.spread(new double[] {5, 1, Double.NaN, 3, 2, 4});
        assertThat(sp.n()).isEqualTo(5);
        assertThat(sp.median()).isEqualTo(3);
        assertThat(sp.p10()).isEqualTo(1);
        assertThat(sp.p90()).isEqualTo(5);
        assertThat(Stats.spread(new double[] {Double.NaN}).format()).isEqualTo("-");
    }
}
