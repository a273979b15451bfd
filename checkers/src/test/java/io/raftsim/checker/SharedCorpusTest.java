package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.Histories;
import io.raftsim.history.History;
import io.raftsim.history.JsonOpWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reference history gives the verdict in MANIFEST.tsv (Knossos semantics unless noted). */
class SharedCorpusTest {
    static Stream<SharedCorpus.Entry> entries() {
        return SharedCorpus.entries(SharedCorpus.locate()).stream();
    }

    @Test
    void manifestListsTheWholeCorpus() {
        assertThat(SharedCorpus.entries(SharedCorpus.locate())).hasSize(177);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void verdictMatchesManifest(SharedCorpus.Entry e) {
        Path file = SharedCorpus.locate().resolve(e.file());
        History h = Histories.read(file);
        Model model = Models.byName(e.model()).orElseThrow();
        CheckOptions options = CheckOptions.defaults().withInit(CheckerTestSupport.init(e.init()));
        Verdict expected = e.linearizable() ? Verdict.VALID : Verdict.INVALID;
        String repro = "./raftsim check " + file + " --model " + e.model()
                + (e.init().isEmpty() ? "" : " --init '" + e.init() + "'");
        CheckResult r = LinearizabilityChecker.check(h, model, options);
        assertThat(r.verdict()).as("%s (%s)", repro, r.reason()).isEqualTo(expected);
        if (e.semantics().equals("etcd-strict")) {
            CheckResult strict = LinearizabilityChecker.check(h, model, options.withSemantics(Model.Semantics.STRICT));
            assertThat(strict.verdict())
                    .as("%s --strict (%s)", repro, strict.reason())
                    .isEqualTo(expected);
        }
        assertThat(r.counterexample().isPresent()).isEqualTo(!e.linearizable());
        // Same input, same verdict and counterexample, whatever the parallelism.
        CheckResult again = LinearizabilityChecker.check(h, model, options.withParallelism(1));
        assertThat(again.verdict()).isEqualTo(r.verdict());
        assertThat(again.counterexample()).isEqualTo(r.counterexample());
        // The codec writes what it reads: the written history reads back identical.
        StringWriter out = new StringWriter();
        Histories.write(out, h.ops(), JsonOpWriter.Layout.ARRAY);
        History back = Histories.read(e.file(), new StringReader(out.toString()), Histories.Format.JSON);
        assertThat(back.ops()).isEqualTo(h.ops());
    }
}
