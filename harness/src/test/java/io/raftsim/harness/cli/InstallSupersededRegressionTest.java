package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three faults (a ring partition, then disk-full and fsync errors on node 1) from seed 2045 of a
 * replace-node campaign, none of them a replacement: a follower sealing an installed snapshot got
 * InstallSnapshot for a newer one, abandoned the copy being sealed (which cannot be abandoned) and
 * began the next while the storage still built the first, an IllegalStateException ("a snapshot
 * is already being written") that crashed the run at 9432 ms. Fixed in the engine's node: a copy
 * being sealed finishes and loads first; the leader sends the newer snapshot again.
 */
class InstallSupersededRegressionTest {
    @Test
    void aNewerSnapshotWaitsForTheOneBeingSealedSeed2045(@TempDir Path tmp) throws Exception {
        Path schedule = Path.of(getClass()
                .getResource("/gaps/install-superseded-while-sealing.json")
                .toURI());
        Path out = tmp.resolve("run");
        int code = RaftsimCli.run(
                "run",
                "--seed",
                "2045",
                "--read-mode",
                "log",
                "--schedule",
                schedule.toString(),
                "--out",
                out.toString());
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(code)
                .as(
                        "./raftsim run --seed 2045 --read-mode log --schedule"
                                + " harness/src/test/resources/gaps/install-superseded-while-sealing.json -> %s",
                        summary)
                .isEqualTo(RaftsimCli.EXIT_VALID);
        assertThat(summary).contains("\"verdict\" : \"valid\"");
    }
}
