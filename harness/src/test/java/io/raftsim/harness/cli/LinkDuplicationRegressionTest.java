package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed schedule that made duplicated datagrams multiply AppendEntries answers and probe
 * resends until the event-storm guard stopped the run (about 4 million events in 7.9 simulated
 * seconds). Fixed in the engine's Progress: a paused probe resumes only on an answer to a newer
 * heartbeat round, so the same run now completes its 60 s with a valid verdict.
 */
class LinkDuplicationRegressionTest {
    @Test
    void duplicatedDatagramsNoLongerStormSeed141(@TempDir Path tmp) throws Exception {
        Path schedule = Path.of(
                getClass().getResource("/gaps/link-duplication-storm.json").toURI());
        Path out = tmp.resolve("run");
        int code = RaftsimCli.run("run", "--seed", "141", "--schedule", schedule.toString(), "--out", out.toString());
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(code)
                .as(
                        "./raftsim run --seed 141 --schedule harness/src/test/resources/gaps/link-duplication-storm.json"
                                + " -> %s",
                        summary)
                .isEqualTo(RaftsimCli.EXIT_VALID);
        assertThat(summary).contains("\"verdict\" : \"valid\"");
    }
}
