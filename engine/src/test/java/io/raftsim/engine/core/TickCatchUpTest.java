package io.raftsim.engine.core;

import static io.raftsim.engine.testing.CoreHarness.p;
import static io.raftsim.engine.testing.CoreHarness.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.testing.CoreHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node sleeps until {@link RaftCore#ticksUntilDue()} and then catches up with {@link
 * RaftCore#tick(long)} instead of taking a tick event per tick. On time, that must be exactly what
 * ticking one at a time does: the ticks before the due one only count, and the due one acts. Late
 * (the node stalled past a deadline), the overdue deadline acts once and the lease still expires.
 */
class TickCatchUpTest {
    private static CoreConfig config(boolean preVote, int leaseTicks) {
        return new CoreConfig(10, 3, preVote, true, 64, 1 << 20, 8, 16, leaseTicks, true);
    }

    @Test
    void followerIsDueAtItsElectionTimeoutAndNotBefore() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, config(true, 0), 7);
        int due = h.core.ticksUntilDue();
        assertThat(due).as("randomized in [electionTicks, 2 * electionTicks)").isBetween(10, 19);
        assertThat(h.tick(due - 1))
                .as("the ticks before the due one only count")
                .isEmpty();
        assertThat(h.core.ticksUntilDue()).isEqualTo(1);
        assertThat(sent(h.tick(1), PreVoteRequest.class))
                .as("the due tick campaigns")
                .hasSize(2);
    }

    @Test
    void leaderIsDueAtEachHeartbeat() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, config(false, 0), 7);
        h.tick(h.core.ticksUntilDue());
        assertThat(h.core.role()).isEqualTo(RoleKind.CANDIDATE);
        h.step(new RequestVoteResponse("g", p("b"), p("a"), h.core.term(), true));
        assertThat(h.core.role()).isEqualTo(RoleKind.LEADER);
        for (int round = 0; round < 3; round++) {
            assertThat(h.core.ticksUntilDue()).as("round %d", round).isEqualTo(3);
            assertThat(h.tick(2)).isEmpty();
            assertThat(sent(h.tick(1), AppendEntriesRequest.class))
                    .as("heartbeats to both followers")
                    .hasSize(2);
            // Keep a quorum answering so that CheckQuorum keeps it leader.
            h.step(AppendEntriesResponse.accept(
                    "g", p("b"), p("a"), h.core.term(), h.core.log().lastIndex()));
        }
    }

    @Test
    void haltedCoreIsNeverDue() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, config(true, 0), 7);
        h.core.halt("test");
        assertThat(h.core.ticksUntilDue()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void learnerIsNeverDue() {
        CoreHarness h = new CoreHarness("a", "b,c/a", 1, null, config(true, 0), 7);
        assertThat(h.core.ticksUntilDue()).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.tick(100)).as("a learner never campaigns").isEmpty();
    }

    /**
     * Random runs of ticks and answers from peers, applied to two cores with the same seed: one
     * ticked one tick at a time, the other as a node whose timer fires on time: it catches up to
     * each due tick in one call. Their effects must be the same, in the same order.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void batchesOfTicksActLikeSingleTicks(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean preVote = rnd.nextBoolean();
        CoreConfig cfg = config(preVote, rnd.nextBoolean() ? 5 : 0);
        CoreHarness single = new CoreHarness("a", "a,b,c", 1, null, cfg, seed);
        CoreHarness batched = new CoreHarness("a", "a,b,c", 1, null, cfg, seed);
        java.util.Set<RoleKind> roles = java.util.EnumSet.noneOf(RoleKind.class);
        for (int step = 0; step < 300; step++) {
            String at = "seed " + seed + " step " + step + " (repro: TickCatchUpTest seed " + seed + ")";
            if (rnd.nextInt(3) == 0) {
                int n = 1 + rnd.nextInt(30);
                List<String> one = strings(single.tick(n));
                List<String> caughtUp = new ArrayList<>();
                for (int left = n; left > 0; ) {
                    int k = Math.min(left, batched.core.ticksUntilDue());
                    batched.core.tick(k);
                    caughtUp.addAll(strings(batched.drain()));
                    left -= k;
                }
                assertThat(caughtUp).as(at + ": " + n + " ticks").isEqualTo(one);
            } else {
                RaftMessage m = answer(single, rnd);
                if (m == null) {
                    continue;
                }
                assertThat(strings(batched.step(m))).as(at + ": " + m).isEqualTo(strings(single.step(m)));
            }
            assertThat(batched.core.role()).as(at).isEqualTo(single.core.role());
            assertThat(batched.core.term()).as(at).isEqualTo(single.core.term());
            assertThat(batched.core.ticksUntilDue()).as(at).isEqualTo(single.core.ticksUntilDue());
            roles.add(single.core.role());
        }
        // The run must have been through every role, or it compared less than it claims.
        assertThat(roles)
                .as("roles seen, seed " + seed)
                .contains(RoleKind.FOLLOWER, RoleKind.CANDIDATE, RoleKind.LEADER);
        assertThat(roles.contains(RoleKind.PRE_CANDIDATE))
                .as("pre-candidate seen, seed " + seed)
                .isEqualTo(preVote);
    }

    @Test
    void aFollowerStalledForFiveTimeoutsCampaignsOnce() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, config(false, 0), 7);
        List<Effect> out = new ArrayList<>();
        h.core.tick(5L * 20);
        out.addAll(h.drain());
        assertThat(sent(out, RequestVoteRequest.class))
                .as("one round of vote requests")
                .hasSize(2);
        assertThat(h.core.term()).as("one election, not five").isEqualTo(2);
        assertThat(h.core.ticksUntilDue())
                .as("the next timeout is a full randomized timeout away")
                .isBetween(10, 19);
    }

    @Test
    void aLeaderStalledPastItsHeartbeatSendsOneRoundAndItsLeaseExpires() {
        // Lease of 5 ticks, heartbeat every 3, election timeout 10.
        CoreHarness stalled = leaderWithConfirmedLease();
        stalled.core.tick(8);
        List<Effect> out = stalled.drain();
        assertThat(sent(out, AppendEntriesRequest.class))
                .as("one heartbeat round")
                .hasSize(2);
        stalled.core.readIndex(42);
        assertThat(stalled.drain())
                .as("8 ticks passed, more than the 5-tick lease: the read needs a round")
                .noneMatch(e -> e instanceof Effect.ReadReady);

        CoreHarness onTime = leaderWithConfirmedLease();
        onTime.core.tick(2);
        onTime.core.readIndex(42);
        assertThat(onTime.drain())
                .as("within the lease the read is answered at once")
                .anyMatch(e -> e instanceof Effect.ReadReady r && r.requestId() == 42);
    }

    @Test
    void aStalledLeaderRunsItsOverdueCheckQuorumOnce() {
        CoreHarness h = leaderWithConfirmedLease();
        // 30 ticks: three CheckQuorum intervals and ten heartbeat intervals passed.
        h.core.tick(30);
        List<Effect> first = h.drain();
        assertThat(h.core.role())
                .as("the answers before the stall count as recent")
                .isEqualTo(RoleKind.LEADER);
        assertThat(sent(first, AppendEntriesRequest.class))
                .as("one heartbeat round")
                .hasSize(2);
        h.core.tick(30);
        h.drain();
        assertThat(h.core.role())
                .as("no answer since the last CheckQuorum: it steps down")
                .isEqualTo(RoleKind.FOLLOWER);
    }

    /** Leader of term 2 whose first entry committed and whose latest round a quorum confirmed. */
    private static CoreHarness leaderWithConfirmedLease() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, config(false, 5), 7);
        h.tick(h.core.ticksUntilDue());
        List<Effect> out = h.step(new RequestVoteResponse("g", p("b"), p("a"), h.core.term(), true));
        assertThat(h.core.role()).isEqualTo(RoleKind.LEADER);
        acceptAll(h, out);
        assertThat(h.core.log().committed())
                .as("the leader's first entry committed")
                .isGreaterThan(0);
        // A heartbeat round, answered by both: the lease starts at its start tick.
        List<Effect> round = h.tick(3);
        acceptAll(h, round);
        return h;
    }

    /** Every follower accepts every AppendEntries in {@code effects}, answering its round. */
    private static void acceptAll(CoreHarness h, List<Effect> effects) {
        for (AppendEntriesRequest req : sent(effects, AppendEntriesRequest.class)) {
            h.step(AppendEntriesResponse.accept(
                    "g",
                    req.to(),
                    p("a"),
                    req.term(),
                    req.prevLogIndex() + req.entries().size(),
                    req.readSeq()));
        }
    }

    /** A peer's plausible next message to node a, given a's role. */
    private static RaftMessage answer(CoreHarness h, SplittableRandom rnd) {
        String from = rnd.nextBoolean() ? "b" : "c";
        long term = h.core.term();
        switch (h.core.role()) {
            case PRE_CANDIDATE:
                return new PreVoteResponse("g", p(from), p("a"), term + 1, rnd.nextInt(4) != 0);
            case CANDIDATE:
                return new RequestVoteResponse("g", p(from), p("a"), term, rnd.nextInt(4) != 0);
            case LEADER:
                if (rnd.nextInt(10) == 0) {
                    // A peer in a later term deposes it.
                    return new RequestVoteRequest("g", p(from), p("a"), term + 1, 0, 0, true);
                }
                return AppendEntriesResponse.accept(
                        "g", p(from), p("a"), term, h.core.log().lastIndex());
            default:
                if (rnd.nextInt(3) == 0) {
                    return null; // the leader is silent: the follower's election timer runs on
                }
                return new AppendEntriesRequest(
                        "g",
                        p(from),
                        p("a"),
                        Math.max(term, 1),
                        h.core.log().lastIndex(),
                        h.core.log().termAt(h.core.log().lastIndex()),
                        List.of(),
                        h.core.log().committed());
        }
    }

    private static List<String> strings(List<Effect> effects) {
        List<String> out = new ArrayList<>();
        for (Effect e : effects) {
            out.add(e.toString());
        }
        return out;
    }
}
