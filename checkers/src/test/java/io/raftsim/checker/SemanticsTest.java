package io.raftsim.checker;

import static io.raftsim.checker.Hist.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One hand-made history per semantic rule of Knossos (and the strict etcd reading). */
class SemanticsTest {
    static final Model CAS = Models.byName("cas-register").orElseThrow();

    static CheckResult check(Hist h) {
        return check(h.build(), CheckOptions.defaults().withInit(0L));
    }

    static CheckResult check(History h, CheckOptions o) {
        return LinearizabilityChecker.check(h, CAS, o);
    }

    @Test
    void sequentialReadOfTheLastWriteIsValidAndAStaleReadIsNot() {
        Hist ok = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 1L);
        assertThat(check(ok).verdict()).isEqualTo(Verdict.VALID);
        Hist stale = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L);
        CheckResult r = check(stale);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        Counterexample c = r.counterexample().orElseThrow();
        assertThat(c.failingInvocation()).isEqualTo(2);
        assertThat(c.failingCompletion()).isEqualTo(3);
        assertThat(c.statesSeen()).containsExactly("1");
        assertThat(c.linearizablePrefix()).containsExactly(0);
        assertThat(c.failingOp()).isEqualTo("process 1 read null -> ok 0");
    }

    @Test
    void concurrentOpsMayLinearizeInEitherOrder() {
        Hist h = new Hist()
                .invoke(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 1L);
        assertThat(check(h).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void infoWriteMayLandLongAfterItsInvocation() {
        Hist late = new Hist()
                .invoke(0, "write", 5L)
                .info(0, "write", 5L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L)
                .invoke(1, "read", null)
                .ok(1, "read", 5L);
        assertThat(check(late).verdict()).isEqualTo(Verdict.VALID);
        // ...but never before it was invoked,
        Hist early = new Hist()
                .invoke(1, "read", null)
                .ok(1, "read", 5L)
                .invoke(0, "write", 5L)
                .info(0, "write", 5L);
        assertThat(check(early).verdict()).isEqualTo(Verdict.INVALID);
        // ...and only once: no going back to the old value without another write.
        Hist twice = new Hist()
                .invoke(0, "write", 5L)
                .info(0, "write", 5L)
                .invoke(1, "read", null)
                .ok(1, "read", 5L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L);
        assertThat(check(twice).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void infoOpMayNeverTakeEffect() {
        Hist never = new Hist()
                .invoke(0, "cas", list(0L, 9L))
                .info(0, "cas", list(0L, 9L))
                .invoke(1, "read", null)
                .ok(1, "read", 0L);
        assertThat(check(never).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void neverCompletedInvocationCountsAsInfo() {
        Hist pending = new Hist().invoke(0, "write", 3L).invoke(1, "read", null).ok(1, "read", 3L);
        assertThat(check(pending).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void failedOpsAreDropped() {
        Hist h = new Hist()
                .invoke(0, "write", 2L)
                .fail(0, "write", 2L)
                .invoke(1, "read", null)
                .ok(1, "read", 2L);
        assertThat(check(h).verdict()).isEqualTo(Verdict.INVALID);
        Hist ignored = new Hist()
                .invoke(0, "write", 2L)
                .fail(0, "write", 2L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L);
        assertThat(check(ignored).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void crashedProcessIsRetiredAndItsOpStaysConcurrentWithEverythingAfter() {
        // Process 0 crashes during a write; process 5 replaces it. The write lands between the reads.
        Hist h = new Hist()
                .invoke(0, "write", 3L)
                .info(0, "write", 3L)
                .invoke(5, "read", null)
                .ok(5, "read", 0L)
                .invoke(5, "write", 4L)
                .ok(5, "write", 4L)
                .invoke(5, "read", null)
                .ok(5, "read", 3L);
        assertThat(check(h).verdict()).isEqualTo(Verdict.VALID);
        Hist bad = new Hist()
                .invoke(0, "write", 3L)
                .info(0, "write", 3L)
                .invoke(5, "read", null)
                .ok(5, "read", 3L)
                .invoke(5, "read", null)
                .ok(5, "read", 0L);
        assertThat(check(bad).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void nullReadConstrainsNothingUnlessStrict() {
        Hist h = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", null);
        CheckOptions unset = CheckOptions.defaults().withInit(null);
        assertThat(check(h.build(), unset).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check(h.build(), unset.withSemantics(Model.Semantics.STRICT)).verdict())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void failedCasMeansTheCompareFailedOnlyWhenStrict() {
        Hist h = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "cas", list(1L, 2L))
                .fail(1, "cas", list(1L, 2L));
        assertThat(check(h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check(h.build(), CheckOptions.defaults().withInit(0L).withSemantics(Model.Semantics.STRICT))
                        .verdict())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void realTimeOrderIsFileOrderNotTimeField() {
        History h = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "read", null)
                .ok(1, "read", 0L)
                .build();
        // Times that would put the read first must not change the verdict.
        History timed = History.of(
                "timed", h.ops().stream().map(o -> o.withTime(1000 - o.index())).toList());
        assertThat(check(timed, CheckOptions.defaults().withInit(0L)).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void nemesisOpsAreNotClientOps() {
        Hist h = new Hist()
                .nemesis("start", null)
                .invoke(0, "write", 1L)
                .nemesis("start", "partition")
                .ok(0, "write", 1L)
                .nemesis("stop", null);
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.clientOps()).isEqualTo(1);
    }

    @Test
    void independentKeysAreCheckedSeparatelyAndTheFirstBadKeyIsReported() {
        Hist h = new Hist()
                .invoke(0, "write", list("a", 1L))
                .ok(0, "write", list("a", 1L))
                .invoke(1, "write", list("b", 2L))
                .ok(1, "write", list("b", 2L))
                .invoke(2, "read", list("a", null))
                .ok(2, "read", list("a", 1L))
                .invoke(2, "cas", list("b", list(2L, 3L)))
                .ok(2, "cas", list("b", list(2L, 3L)))
                .invoke(0, "read", list("b", null))
                .ok(0, "read", list("b", 2L))
                .invoke(1, "read", list("c", null))
                .ok(1, "read", list("c", 7L));
        for (int threads = 1; threads <= 3; threads++) {
            CheckResult r =
                    check(h.build(), CheckOptions.defaults().withInit(0L).withParallelism(threads));
            assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(r.keys()).extracting(KeyReport::key).containsExactly("\"a\"", "\"b\"", "\"c\"");
            assertThat(r.keys().get(0).verdict()).isEqualTo(Verdict.VALID);
            Counterexample c = r.counterexample().orElseThrow();
            assertThat(c.key()).isEqualTo("\"b\"");
            assertThat(c.failingInvocation()).isEqualTo(8);
            assertThat(c.statesSeen()).containsExactly("3");
        }
        CheckResult single =
                check(h.build(), CheckOptions.defaults().withInit(0L).withKeyMode(KeyMode.SINGLE));
        assertThat(single.keys()).hasSize(1);
    }

    @Test
    void budgetsGiveUnknownNeverValid() {
        StringBuilder why = new StringBuilder();
        Hist h = new Hist();
        for (int p = 0; p < 6; p++) {
            h.invoke(p, "write", (long) p);
        }
        for (int p = 0; p < 6; p++) {
            h.ok(p, "write", (long) p);
        }
        h.invoke(9, "read", null).ok(9, "read", 5L);
        CheckResult full = check(h);
        assertThat(full.verdict()).isEqualTo(Verdict.VALID);
        assertThat(full.configurations()).isGreaterThan(3);
        CheckResult tiny = check(h.build(), CheckOptions.defaults().withInit(0L).withMaxConfigurations(3));
        why.append(tiny.reason());
        assertThat(tiny.verdict()).as(why.toString()).isEqualTo(Verdict.UNKNOWN);
        assertThat(tiny.reason()).contains("explored-configuration budget of 3");
        CheckResult noMemory =
                check(h.build(), CheckOptions.defaults().withInit(0L).withMaxMemoryBytes(1));
        assertThat(noMemory.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(noMemory.reason()).contains("memory budget");
        CheckResult noTime =
                check(h.build(), CheckOptions.defaults().withInit(0L).withTimeLimit(Duration.ofNanos(1)));
        assertThat(noTime.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(noTime.reason()).contains("time limit");
    }

    @Test
    void opsTheModelCannotReadAreInputErrorsNamingTheOp() {
        Hist h = new Hist()
                .invoke(0, "write", 1L)
                .ok(0, "write", 1L)
                .invoke(1, "cas", 7L)
                .ok(1, "cas", 7L);
        assertThatThrownBy(() -> check(h))
                .isInstanceOf(CheckInputException.class)
                .hasMessage("hand-made: op 2, field \"value\": cas value [old, new] must be a 2-element array, got 7");
        Hist unknownF = new Hist().invoke(0, "frobnicate", 1L);
        assertThatThrownBy(() -> check(unknownF)).hasMessageContaining("op 0").hasMessageContaining("frobnicate");
        assertThatThrownBy(() -> LinearizabilityChecker.check(
                        new Hist().build(),
                        Models.byName("mutex").orElseThrow(),
                        CheckOptions.defaults().withInit(3L)))
                .isInstanceOf(CheckInputException.class)
                .hasMessageContaining("init");
    }
}
