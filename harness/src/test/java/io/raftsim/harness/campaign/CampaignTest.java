package io.raftsim.harness.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.Failure;
import io.raftsim.harness.run.OpCounts;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign machinery, with a fake runner: seeds divisible by 7 "fail". */
class CampaignTest {
    final ConcurrentLinkedQueue<Long> ran = new ConcurrentLinkedQueue<>();

    final SeedRunner fake = (cfg, dir, output) -> {
        ran.add(cfg.seed());
        boolean bad = cfg.seed() % 7 == 0;
        return new RunSummary(
                cfg.seed(),
                bad ? Verdict.INVALID : Verdict.VALID,
                bad ? new Failure(Failure.Kind.INVARIANT, "election-safety: <planted> & co") : null,
                "hash" + cfg.seed(),
                60_000,
                10,
                1_000,
                new OpCounts(10, 8, 1, 1),
                Map.of("kill", 2L),
                Map.of(),
                3,
                0,
                0,
                0,
                cfg.reproCommand());
    };

    static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    Campaign.Options opts(long a, long b, int jobs, Shard shard, Path out, boolean resume) {
        return new Campaign.Options(a, b, jobs, shard, false, out, resume, true);
    }

    @Test
    void shardsPartitionTheRangeAndTheirUnionIsTheWholeCampaign() {
        RunConfig t = RunConfig.defaults(0);
        CampaignResult whole = Campaign.run(opts(3, 40, 2, Shard.ALL, null, false), t, fake, sink());
        List<Long> union = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CampaignResult part = Campaign.run(opts(3, 40, 1, new Shard(i, 3), null, false), t, fake, sink());
            part.runs().forEach(r -> union.add(r.seed()));
        }
        union.sort(null);
        assertThat(union).isEqualTo(whole.runs().stream().map(RunSummary::seed).toList());
        assertThat(whole.runs()).hasSize(38);
        assertThat(whole.count(Verdict.INVALID)).isEqualTo(5); // 7, 14, 21, 28, 35
        assertThat(whole.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void resumeSkipsSeedsAlreadyDoneAndOutputsAreComplete(@TempDir Path out) throws Exception {
        RunConfig t = RunConfig.defaults(0);
        Campaign.run(opts(0, 9, 2, Shard.ALL, out, false), t, fake, sink());
        // Simulate a campaign killed after seed 5: seeds 6..9 lost their summaries.
        for (long s = 6; s <= 9; s++) {
            Files.delete(Campaign.seedDir(out, s).resolve("summary.json"));
        }
        ran.clear();
        CampaignResult r = Campaign.run(opts(0, 9, 2, Shard.ALL, out, true), t, fake, sink());
        assertThat(ran).containsExactlyInAnyOrder(6L, 7L, 8L, 9L);
        assertThat(r.resumed()).isEqualTo(6);
        assertThat(r.runs()).hasSize(10);
        assertThat(r.count(Verdict.INVALID)).isEqualTo(2); // 0 and 7, one of them resumed

        String junit = Files.readString(out.resolve("junit.xml"));
        assertThat(junit)
                .contains("tests=\"10\"", "failures=\"2\"", "name=\"seed=7\"", "name=\"seed=3\" time=\"0.010\"/>");
        assertThat(junit).contains("&lt;planted&gt; &amp; co").contains("repro: ./raftsim run --seed 7 ");
        String campaign = Files.readString(out.resolve("campaign.json"));
        assertThat(campaign).contains("\"invalid\" : 2", "\"resumed\" : 6", "--seed 7 ");
        assertThat(CampaignReport.table(r)).contains("seed 0 invalid (invariant)", "repro: ./raftsim run --seed 7");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")))
                    .isEmpty();
        }
    }

    @Test
    void stopOnFailureStopsHandingOutSeeds() {
        RunConfig t = RunConfig.defaults(0);
        CampaignResult r =
                Campaign.run(new Campaign.Options(1, 100, 1, Shard.ALL, true, null, false, true), t, fake, sink());
        assertThat(r.runs()).hasSize(7);
        assertThat(r.stoppedEarly()).isTrue();
    }

    @Test
    void shardParsing() {
        assertThat(Shard.parse("2/5")).isEqualTo(new Shard(2, 5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Shard.parse("5/5"))
                .hasMessageContaining("0 <= i < n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Shard.parse("x"))
                .hasMessageContaining("i/n");
    }
}
