package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.bench.RegisterHistoryGenerator;
import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded generator-based tests: random sequential executions made concurrent are always linearizable;
 * the same with one read result corrupted must be invalid unless the corruption stays explainable,
 * which an independent brute-force checker then has to confirm by finding a linearization.
 */
class GeneratedHistoriesTest {
    static final Model CAS = Models.byName("cas-register").orElseThrow();

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    static String repro(long seed, String what) {
        return "seed " + seed + " (" + what + "); repro: mvn -pl checkers -am verify -Dtest=GeneratedHistoriesTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false, then RegisterHistoryGenerator.generate(new Spec(" + seed
                + ", ...))";
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedHistoriesAreLinearizableAndAFreshReadValueIsCaught(long seed) {
        int keys = seed % 3 == 0 ? 3 : 1;
        History h = RegisterHistoryGenerator.generate(
                new RegisterHistoryGenerator.Spec(seed, 2 + (int) (seed % 5), 150, keys, 4, 10));
        CheckOptions o = CheckOptions.defaults().withInit(0L);
        CheckResult r = LinearizabilityChecker.check(h, CAS, o);
        assertThat(r.verdict()).as(repro(seed, "valid " + r.reason())).isEqualTo(Verdict.VALID);
        assertThat(r.keys()).hasSize(keys);

        // A read that returns a value nobody ever wrote can never be explained.
        List<Integer> reads = okReads(h);
        int victim = reads.get(new Random(seed).nextInt(reads.size()));
        Object fresh = keys > 1 ? List.of(((List<?>) h.get(victim).value()).get(0), 1000L) : 1000L;
        History bad = withValue(h, victim, fresh);
        CheckResult br = LinearizabilityChecker.check(bad, CAS, o);
        assertThat(br.verdict()).as(repro(seed, "corrupted op " + victim)).isEqualTo(Verdict.INVALID);
        assertThat(br.counterexample().orElseThrow().failingCompletion())
                .as(repro(seed, "the counterexample names the corrupted read"))
                .isEqualTo(victim);
        assertThat(br.counterexample().orElseThrow().window()).contains(invocationOf(bad, victim));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void corruptedTinyHistoriesAgreeWithBruteForce(long seed) {
        Random rnd = new Random(seed * 31 + 7);
        for (int round = 0; round < 25; round++) {
            long s = seed * 1000 + round;
            History h = RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(s, 3, 7, 1, 3, 20));
            List<Integer> reads = okReads(h);
            History subject = h;
            String what = "uncorrupted";
            if (!reads.isEmpty() && rnd.nextInt(4) != 0) {
                int victim = reads.get(rnd.nextInt(reads.size()));
                long value = rnd.nextInt(3);
                subject = withValue(h, victim, value);
                what = "read at op " + victim + " now returns " + value;
            }
            for (Model.Semantics sem : Model.Semantics.values()) {
                boolean expected = new BruteForceOracle(subject, CAS, sem).linearizable(0L);
                CheckResult r = LinearizabilityChecker.check(
                        subject, CAS, CheckOptions.defaults().withInit(0L).withSemantics(sem));
                assertThat(r.verdict())
                        .as(repro(s, what + ", " + sem + ", brute force says " + expected))
                        .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
                // A tiny budget forces the window refutation path: it may say unknown, but an
                // answer it gives must agree with brute force.
                CheckResult starved = LinearizabilityChecker.check(
                        subject,
                        CAS,
                        CheckOptions.defaults().withInit(0L).withSemantics(sem).withMaxConfigurations(4));
                if (starved.verdict() != Verdict.UNKNOWN) {
                    assertThat(starved.verdict())
                            .as(repro(s, what + ", " + sem + ", starved budget: " + starved.reason()))
                            .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
                }
                if (sem == Model.Semantics.KNOSSOS && what.equals("uncorrupted")) {
                    assertThat(expected)
                            .as(repro(s, "generator must be linearizable"))
                            .isTrue();
                }
            }
        }
    }

    static List<Integer> okReads(History h) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            Op op = h.get(i);
            if (op.type() == OpType.OK && op.f().equals("read")) {
                out.add(i);
            }
        }
        return out;
    }

    static int invocationOf(History h, int completion) {
        Op done = h.get(completion);
        for (int i = completion - 1; i >= 0; i--) {
            if (h.get(i).process().equals(done.process()) && h.get(i).type() == OpType.INVOKE) {
                return i;
            }
        }
        throw new IllegalStateException("no invocation for op " + completion);
    }

    static History withValue(History h, int pos, Object value) {
        List<Op> ops = new ArrayList<>(h.ops());
        ops.set(pos, ops.get(pos).withValue(value));
        return History.of(h.source() + " corrupted", ops);
    }
}
