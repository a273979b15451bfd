package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.bench.RegisterHistoryGenerator;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the whole-history search runs out of budget (long single-key history, many pending info ops),
 * a violation is still proved on a short window checked from "any state".
 */
class WindowRefutationTest {
    @Test
    void lateCorruptedReadIsRefutedOnAWindowWhenTheFullSearchIsOverBudget() {
        History h = RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(3, 5, 1000, 1, 5, 2));
        List<Op> ops = new ArrayList<>(h.ops());
        int victim = -1;
        for (int i = ops.size() - 1; i >= 0 && victim < 0; i--) {
            if (ops.get(i).type() == OpType.OK && ops.get(i).f().equals("read")) {
                victim = i;
            }
        }
        ops.set(victim, ops.get(victim).withValue(999L));
        History bad = History.of("late-corruption", ops);
        CheckOptions tight = CheckOptions.defaults().withInit(0L).withMaxConfigurations(40_000);
        CheckResult r =
                LinearizabilityChecker.check(bad, Models.byName("cas-register").orElseThrow(), tight);
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.INVALID);
        assertThat(r.reason()).contains("refuted on a window of");
        Counterexample c = r.counterexample().orElseThrow();
        assertThat(c.failingCompletion()).isEqualTo(victim);
        assertThat(c.window()).hasSizeLessThan(100);
        // The original, uncorrupted history stays valid under the same budget or is unknown: never invalid.
        CheckResult good =
                LinearizabilityChecker.check(h, Models.byName("cas-register").orElseThrow(), tight);
        assertThat(good.verdict()).isNotEqualTo(Verdict.INVALID);
    }
}
