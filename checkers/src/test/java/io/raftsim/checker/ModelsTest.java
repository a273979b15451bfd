package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Model.Outcome;
import io.raftsim.checker.model.Model.Semantics;
import io.raftsim.checker.model.ModelException;
import io.raftsim.checker.model.Models;
import io.raftsim.checker.model.RegisterModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each model's step function, one op at a time. */
class ModelsTest {
    static Model model(String name) {
        return Models.byName(name).orElseThrow();
    }

    /** Prepares an ok op and applies it; null when impossible. */
    static Object ok(Model m, Object state, String f, Object value) {
        Object in = m.prepare(f, value, Outcome.OK, Semantics.KNOSSOS);
        assertThat(in).isNotSameAs(Model.DROP);
        return m.step(state, in);
    }

    @Test
    void registerReadsWhatWasWritten() {
        Model m = model("register");
        Object s0 = m.initialState(0L);
        Object s1 = ok(m, s0, "write", 3L);
        assertThat(s1).isEqualTo(3L);
        assertThat(ok(m, s1, "read", 3L)).isEqualTo(3L);
        assertThat(ok(m, s1, "read", 0L)).isNull();
        assertThat(m.prepare("read", null, Outcome.OK, Semantics.KNOSSOS)).isSameAs(Model.DROP);
        assertThat(m.prepare("read", 1L, Outcome.INFO, Semantics.KNOSSOS)).isSameAs(Model.DROP);
        assertThat(m.prepare("write", 1L, Outcome.FAIL, Semantics.KNOSSOS)).isSameAs(Model.DROP);
        assertThatThrownBy(() -> m.prepare("cas", List.of(1L, 2L), Outcome.OK, Semantics.KNOSSOS))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no operation \"cas\"");
        assertThat(m.initialState(Model.DEFAULT_INIT)).isSameAs(RegisterModel.UNSET);
    }

    @Test
    void casRegisterComparesAndSwapsAndReadsStrictly() {
        Model m = model("cas-register");
        Object s = m.initialState(1L);
        assertThat(ok(m, s, "cas", List.of(1L, 2L))).isEqualTo(2L);
        assertThat(ok(m, s, "cas", List.of(5L, 2L))).isNull();
        assertThat(m.prepare("cas", List.of(1L, 2L), Outcome.FAIL, Semantics.KNOSSOS))
                .isSameAs(Model.DROP);
        Object failedCas = m.prepare("cas", List.of(1L, 2L), Outcome.FAIL, Semantics.STRICT);
        assertThat(m.step(s, failedCas))
                .as("strict: the compare cannot have failed on 1")
                .isNull();
        assertThat(m.step(m.initialState(7L), failedCas)).isEqualTo(7L);
        Object nullRead = m.prepare("read", null, Outcome.OK, Semantics.STRICT);
        assertThat(m.step(m.initialState(null), nullRead)).isSameAs(RegisterModel.UNSET);
        assertThat(m.step(s, nullRead)).isNull();
        assertThat(ok(m, m.initialState(null), "cas", Hist.list(null, 4L)))
                .as("cas from unset")
                .isEqualTo(4L);
        assertThatThrownBy(() -> m.prepare("cas", 3L, Outcome.OK, Semantics.KNOSSOS))
                .hasMessageContaining("cas value [old, new] must be a 2-element array, got 3");
    }

    @Test
    void multiRegisterAppliesTransactionsAtomically() {
        Model m = model("multi-register");
        Object s = m.initialState(Map.of("x", 0L, "y", 0L));
        Object s1 = ok(m, s, "txn", List.of(List.of("write", "x", 1L), Hist.list("read", "x", 1L)));
        assertThat(s1).isEqualTo(Map.of("x", 1L, "y", 0L));
        assertThat(ok(m, s1, "txn", List.of(List.of("r", "y", 0L), List.of("r", "x", 1L))))
                .isEqualTo(s1);
        assertThat(ok(m, s1, "txn", List.of(List.of("read", "y", 1L)))).isNull();
        assertThat(m.prepare("txn", List.of(Hist.list("read", "x", null)), Outcome.OK, Semantics.KNOSSOS))
                .isSameAs(Model.DROP);
        assertThat(s).as("step never mutates").isEqualTo(Map.of("x", 0L, "y", 0L));
    }

    @Test
    void mutexAlternatesAcquireAndRelease() {
        Model m = model("mutex");
        Object free = m.initialState(false);
        Object held = ok(m, free, "acquire", null);
        assertThat(held).isEqualTo(true);
        assertThat(ok(m, held, "acquire", null)).isNull();
        assertThat(ok(m, held, "release", null)).isEqualTo(false);
        assertThat(ok(m, free, "release", null)).isNull();
    }

    @Test
    void kvAppendConcatenates() {
        Model m = model("kv-append");
        assertThat(m.alwaysKeyed()).isTrue();
        Object s = m.initialState(Model.DEFAULT_INIT);
        assertThat(s).isEqualTo("");
        Object s1 = ok(m, s, "append", "x 1 ");
        Object s2 = ok(m, s1, "append", "y");
        assertThat(s2).isEqualTo("x 1 y");
        assertThat(ok(m, s2, "get", "x 1 y")).isEqualTo("x 1 y");
        assertThat(ok(m, s2, "get", "x 1 ")).isNull();
        assertThat(ok(m, s2, "put", "z")).isEqualTo("z");
    }

    @Test
    void setReadsSeeEveryAddedElementInAnyOrder() {
        Model m = model("set");
        Object s = ok(m, ok(m, m.initialState(Model.DEFAULT_INIT), "add", 1L), "add", 2L);
        assertThat(ok(m, s, "read", List.of(2L, 1L))).isEqualTo(s);
        assertThat(ok(m, s, "read", List.of(1L))).isNull();
        assertThat(m.describeState(s)).isEqualTo("#{1,2}");
    }

    @Test
    void fifoQueueDequeuesInOrder() {
        Model m = model("fifo-queue");
        Object s = ok(m, ok(m, m.initialState(Model.DEFAULT_INIT), "enqueue", 1L), "enqueue", 2L);
        assertThat(ok(m, s, "dequeue", 2L)).isNull();
        Object s1 = ok(m, s, "dequeue", 1L);
        assertThat(s1).isEqualTo(List.of(2L));
        assertThat(ok(m, m.initialState(Model.DEFAULT_INIT), "dequeue", null)).isEqualTo(List.of());
        Object unknown = m.prepare("dequeue", null, Outcome.INFO, Semantics.KNOSSOS);
        assertThat(m.step(s, unknown)).isEqualTo(List.of(2L));
    }

    @Test
    void everyNamedModelExists() {
        for (String name : Models.NAMES) {
            assertThat(model(name).name()).isEqualTo(name);
        }
        assertThat(Models.byName("nope")).isEmpty();
    }
}
