package io.raftsim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.harness.run.Verdict;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The bench on two seeds per comparison: every variant the issue names runs end to end, stays
 * safe, and differs from its counterpart where the protocol says it must, on every seed (the
 * variants of a seed share its workload and faults, so the comparison is paired).
 */
class BenchVariantsTest {
    private static BenchResult bench(Scenario scenario, String a, String b) {
        BenchSettings s = new BenchSettings(
                scenario, 0, 1, 5, 9_000, 600, 4, EngineKnobs.DEFAULTS, List.of(Variant.parse(a), Variant.parse(b)));
        BenchResult r = BenchRunner.run(s, 1, line -> {});
        for (VariantResult v : r.variants()) {
            assertThat(v.count(Verdict.VALID))
                    .as("verdicts of %s: %s", v.variant().name(), v.runs())
                    .isEqualTo(2);
        }
        return r;
    }

    /** On every seed, {@code more}'s figure exceeds {@code less}'s. */
    private static void exceedsOnEverySeed(
            BenchResult r, String more, String less, String figure, ToDoubleFunction<RunMetrics> f) {
        List<RunMetrics> hi = r.variant(more).runs();
        List<RunMetrics> lo = r.variant(less).runs();
        for (int i = 0; i < hi.size(); i++) {
            assertThat(f.applyAsDouble(hi.get(i)))
                    .as(
                            "seed %d: %s of %s (%s) must exceed %s's (%s); repro: %s and %s",
                            hi.get(i).seed(),
                            figure,
                            more,
                            f.applyAsDouble(hi.get(i)),
                            less,
                            f.applyAsDouble(lo.get(i)),
                            hi.get(i).repro(),
                            lo.get(i).repro())
                    .isGreaterThan(f.applyAsDouble(lo.get(i)));
        }
    }

    @Test
    void perEntryFsyncsCostMoreFsyncsPerCommittedOpThanBatched() {
        BenchResult r = bench(Scenario.STEADY, "batched=fsync=batched", "per-entry=fsync=per-entry");
        exceedsOnEverySeed(r, "per-entry", "batched", "fsyncs/op", RunMetrics::fsyncsPerOp);
        exceedsOnEverySeed(r, "per-entry", "batched", "commit p50 ms", RunMetrics::commitP50Ms);
    }

    @Test
    void leaseReadsSendFewerMessagesThanReadIndex() {
        BenchResult r = bench(Scenario.STEADY, "read-index=readMode=read-index", "lease=readMode=lease");
        // The same ops: a ReadIndex read costs a heartbeat round to a quorum, a lease read none.
        exceedsOnEverySeed(r, "read-index", "lease", "msgs/op", RunMetrics::messagesPerOp);
        exceedsOnEverySeed(r, "read-index", "lease", "read p50 ms", RunMetrics::readP50Ms);
    }

    @Test
    void withoutStickinessAOneWayLinkCausesMoreElections() {
        // PreVote off in both, so stickiness alone stands between the deaf node's RequestVotes and
        // the cluster (dissertation §4.2.3); with PreVote on, its stale log already loses the pre-vote.
        BenchResult r = bench(
                Scenario.ONE_WAY_LINK, "sticky=preVote=false,stickiness=on", "loose=preVote=false,stickiness=off");
        exceedsOnEverySeed(r, "loose", "sticky", "elections won", RunMetrics::elections);
        exceedsOnEverySeed(r, "loose", "sticky", "no-leader ms", RunMetrics::leaderlessMs);
    }

    @Test
    void killEverySetsTheLeaderKillPeriod() {
        Variant base = Variant.parse("base");
        BenchSettings every3s =
                new BenchSettings(Scenario.LEADER_KILL, 0, 0, 5, 9_000, 600, 4, EngineKnobs.DEFAULTS, List.of(base));
        BenchSettings every1500ms = new BenchSettings(
                Scenario.LEADER_KILL, 0, 0, 5, 9_000, 600, 4, EngineKnobs.DEFAULTS, List.of(base), 1_500);
        RunMetrics slow = BenchRunner.runOne(every3s, base, 0);
        RunMetrics fast = BenchRunner.runOne(every1500ms, base, 0);
        assertThat(fast.repro()).contains("--kill-every 1500ms");
        assertThat(slow.repro()).doesNotContain("--kill-every");
        BenchResult shown =
                new BenchResult(every1500ms, List.of(new VariantResult(base, EngineKnobs.DEFAULTS, List.of(fast))));
        assertThat(BenchReport.text(shown)).contains("every 1500 ms");
        assertThat(BenchReport.json(shown)).contains("\"leaderKillEveryMs\" : 1500");
        assertThat(fast.elections())
                .as("twice the kills, more elections: %s vs %s; repro %s", fast, slow, fast.repro())
                .isGreaterThan(slow.elections());
    }

    @Test
    void aLeaderKillIsMeasuredAndSnapshotsShipToRestartedNodes() {
        BenchResult r = bench(Scenario.LEADER_KILL, "base", "small-snapshots=snapshotEvery=20");
        for (VariantResult v : r.variants()) {
            for (RunMetrics m : v.runs()) {
                assertThat(m.elections())
                        .as("a new leader after each kill: %s", m)
                        .isGreaterThan(1);
                assertThat(m.killToLeaderMs()).as("%s", m).isGreaterThan(0);
                assertThat(m.killToOkMs()).as("%s", m).isGreaterThan(0);
            }
        }
        // A killed leader restarts behind; with a snapshot every 20 entries its log gap is compacted
        // away on the new leader, so it catches up by InstallSnapshot.
        assertThat(r.variant("small-snapshots").runs())
                .allSatisfy(m -> assertThat(m.snapshotBytes()).as("%s", m).isPositive());
    }
}
