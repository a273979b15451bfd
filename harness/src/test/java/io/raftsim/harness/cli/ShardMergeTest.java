package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns at scale, locally: three shards run as three separate JVM processes (as three CI jobs
 * or three Kubernetes completion indexes would), and {@code raftsim merge} of their outputs equals
 * the unsharded campaign seed for seed, trace hash for trace hash.
 */
class ShardMergeTest {
    private static final String[] SCENARIO = {
        "--seeds", "0..8", "--nodes", "3", "--ops", "60", "--clients", "2", "--time", "3s", "--quiet"
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static int fullExit;

    @BeforeAll
    static void runShardsInSeparateProcessesAndTheWholeCampaignHere() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> cmd = new ArrayList<>(
                    List.of(java, "-cp", System.getProperty("java.class.path"), RaftsimCli.class.getName(), "fuzz"));
            cmd.addAll(List.of(SCENARIO));
            cmd.addAll(List.of("--jobs", "1", "--shard", i + "/3", "--out", shard(i).toString()));
            shards.add(new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("shard-" + i + ".log").toFile())
                    .start());
        }
        for (int i = 0; i < shards.size(); i++) {
            assertThat(shards.get(i).waitFor(5, TimeUnit.MINUTES))
                    .as("shard %d finished", i)
                    .isTrue();
            assertThat(shards.get(i).exitValue())
                    .as("shard %d: %s", i, Files.readString(tmp.resolve("shard-" + i + ".log")))
                    .isIn(0, 1, 3);
        }
        List<String> full = new ArrayList<>(List.of("fuzz"));
        full.addAll(List.of(SCENARIO));
        full.addAll(List.of("--jobs", "1", "--out", tmp.resolve("full").toString()));
        fullExit = RaftsimCli.run(full.toArray(new String[0]));
    }

    private static Path shard(int i) {
        return tmp.resolve("shard-" + i);
    }

    @Test
    void shardsSplitTheRangeWithoutOverlap() throws Exception {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Long> mine = new ArrayList<>();
            for (JsonNode r : read(shard(i)).path("runs")) {
                mine.add(r.path("seed").asLong());
            }
            for (long s : mine) {
                assertThat(Math.floorMod(s, 3)).as("seed %d in shard %d", s, i).isEqualTo(i);
            }
            all.addAll(mine);
        }
        assertThat(all).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void mergeOfAllShardsEqualsTheUnshardedCampaign() throws Exception {
        Path merged = tmp.resolve("merged");
        int code = RaftsimCli.run(
                "merge", shard(0).toString(), shard(1).toString(), shard(2).toString(), "--out", merged.toString());
        assertThat(code).isEqualTo(fullExit);
        JsonNode m = read(merged);
        JsonNode f = read(tmp.resolve("full"));
        assertThat(runs(m)).isEqualTo(runs(f));
        for (String k : new String[] {"seeds", "valid", "invalid", "unknown", "verdict", "template"}) {
            assertThat(m.path(k)).as(k).isEqualTo(f.path(k));
        }
        assertThat(m.path("failures")).isEqualTo(f.path("failures"));
        assertThat(m.path("missingSeeds")).isEmpty();
        String junit = Files.readString(merged.resolve("junit.xml"), StandardCharsets.UTF_8);
        for (int s = 0; s <= 8; s++) {
            assertThat(junit).contains("name=\"seed=" + s + "\"");
        }
        assertThat(junit).contains("tests=\"9\"");
    }

    @Test
    void aMissingShardMakesTheMergeInconclusive() throws Exception {
        Path merged = tmp.resolve("partial");
        int code = RaftsimCli.run("merge", shard(0).toString(), shard(2).toString(), "--out", merged.toString());
        assertThat(code).isIn(RaftsimCli.EXIT_UNKNOWN, RaftsimCli.EXIT_VIOLATION);
        List<Long> missing = new ArrayList<>();
        read(merged).path("missingSeeds").forEach(n -> missing.add(n.asLong()));
        assertThat(missing).containsExactly(1L, 4L, 7L);
    }

    @Test
    void shardsThatDisagreeOnATraceFailTheMerge() throws Exception {
        Path copy = tmp.resolve("tampered");
        Files.createDirectories(copy);
        String json = Files.readString(shard(1).resolve("campaign.json"), StandardCharsets.UTF_8);
        String hash = read(shard(1)).path("runs").get(0).path("traceHash").asText();
        Files.writeString(copy.resolve("campaign.json"), json.replace(hash, "0".repeat(hash.length())));
        Path merged = tmp.resolve("conflict");
        int code = RaftsimCli.run(
                "merge",
                shard(0).toString(),
                shard(1).toString(),
                shard(2).toString(),
                copy.toString(),
                "--out",
                merged.toString());
        assertThat(code).isEqualTo(RaftsimCli.EXIT_VIOLATION);
        assertThat(read(merged).path("conflicts").get(0).asText()).startsWith("seed 1: trace " + hash);
    }

    private static List<String> runs(JsonNode campaign) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : campaign.path("runs")) {
            out.add(r.path("seed").asLong() + " " + r.path("verdict").asText() + " "
                    + r.path("traceHash").asText());
        }
        return out;
    }

    private static JsonNode read(Path dir) throws Exception {
        return JSON.readTree(new File(dir.resolve("campaign.json").toString()));
    }
}
