package io.raftsim.engine.core;

import static io.raftsim.engine.testing.CoreHarness.p;
import static io.raftsim.engine.testing.CoreHarness.sent;
import static io.raftsim.engine.testing.ListStableLog.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.AppendEntriesResponse;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.testing.CoreHarness;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per rule of the Raft paper §5.1–5.4 (quoted), run against the pure core. */
class PaperTest {
    private static AppendEntriesRequest append(
            String from, String to, long term, long prevIndex, long prevTerm, long commit, LogEntry... entries) {
        return new AppendEntriesRequest("g", p(from), p(to), term, prevIndex, prevTerm, List.of(entries), commit);
    }

    private static RequestVoteRequest vote(String from, String to, long term, long lastIndex, long lastTerm) {
        return new RequestVoteRequest("g", p(from), p(to), term, lastIndex, lastTerm, false);
    }

    /** Makes {@code h}'s node the leader of the next term (no PreVote), answering votes with grants. */
    private static void elect(CoreHarness h, String... voters) {
        h.tick(40);
        assertThat(h.core.role()).isEqualTo(RoleKind.CANDIDATE);
        for (String v : voters) {
            h.step(new RequestVoteResponse("g", p(v), h.core.self(), h.core.term(), true));
        }
        assertThat(h.core.role()).isEqualTo(RoleKind.LEADER);
    }

    @Test
    @DisplayName("§5.1 If a server receives a request with a stale term number, it rejects the request")
    void staleTermRequestRejected() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 3, null, 1, 1);
        var out = h.step(append("b", "a", 2, 2, 1, 2, data(3, 2, "x")));
        AppendEntriesResponse r = sent(out, AppendEntriesResponse.class).get(0);
        assertThat(r.success()).isFalse();
        assertThat(r.term()).as("tells the stale leader the newer term").isEqualTo(3);
        assertThat(h.core.log().lastIndex()).isEqualTo(2);
        assertThat(h.core.leader()).isNull();
    }

    @Test
    @DisplayName("§5.1 If a candidate or leader discovers that its term is out of date, it immediately"
            + " reverts to follower state")
    void leaderRevertsOnHigherTerm() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, 10, 1, false, 1);
        elect(h, "b");
        long term = h.core.term();
        var out = h.step(AppendEntriesResponse.reject("g", p("c"), p("a"), term + 3, 0, 0, 0));
        assertThat(h.core.role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(h.core.term())
                .as("updates its current term to the larger value")
                .isEqualTo(term + 3);
        assertThat(out).anyMatch(e -> e instanceof Effect.SteppedDown);
        assertThat(h.lastPersistedMeta().term()).isEqualTo(term + 3);
    }

    @Test
    @DisplayName("§5.2 each server will vote for at most one candidate in a given term, on a"
            + " first-come-first-served basis")
    void oneVotePerTerm() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null);
        var first = h.step(vote("b", "a", 2, 0, 0));
        assertThat(sent(first, RequestVoteResponse.class).get(0).granted()).isTrue();
        var second = h.step(vote("c", "a", 2, 0, 0));
        assertThat(sent(second, RequestVoteResponse.class).get(0).granted()).isFalse();
        var again = h.step(vote("b", "a", 2, 0, 0));
        assertThat(sent(again, RequestVoteResponse.class).get(0).granted())
                .as("a retransmitted request from the same candidate is granted again")
                .isTrue();
        assertThat(h.lastPersistedMeta().votedFor()).isEqualTo(p("b"));
    }

    @Test
    @DisplayName("Figure 2: persistent state is updated on stable storage before responding to RPCs")
    void voteIsPersistedBeforeTheResponse() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null);
        var out = h.step(vote("b", "a", 2, 0, 0));
        int persist = -1;
        int send = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Effect.PersistMeta pm
                    && p("b").equals(pm.meta().votedFor())) {
                persist = i;
            }
            if (out.get(i) instanceof Effect.Send s && s.message() instanceof RequestVoteResponse) {
                send = i;
            }
        }
        // The node sends a message only after every meta write issued before it is durable.
        assertThat(persist).isGreaterThanOrEqualTo(0);
        assertThat(send).isGreaterThan(persist);
    }

    @Test
    @DisplayName("§5.2 A candidate wins an election if it receives votes from a majority of the servers"
            + " in the full cluster for the same term")
    void candidateNeedsAMajority() {
        CoreHarness h = new CoreHarness("a", "a,b,c,d,e", 1, null, 10, 1, false, 1);
        h.tick(40);
        assertThat(h.core.role()).isEqualTo(RoleKind.CANDIDATE);
        long term = h.core.term();
        h.step(new RequestVoteResponse("g", p("b"), p("a"), term, true));
        h.step(new RequestVoteResponse("g", p("b"), p("a"), term, true));
        assertThat(h.core.role()).as("a duplicate vote counts once").isEqualTo(RoleKind.CANDIDATE);
        h.step(new RequestVoteResponse("g", p("c"), p("a"), term - 1, true));
        assertThat(h.core.role()).as("votes from another term do not count").isEqualTo(RoleKind.CANDIDATE);
        h.step(new RequestVoteResponse("g", p("c"), p("a"), term, true));
        assertThat(h.core.role()).isEqualTo(RoleKind.LEADER);
    }

    @Test
    @DisplayName("Term durable before the candidate's own RequestVote; its self-vote counts once durable")
    void candidateVotesForItselfOnlyOnceDurable() {
        CoreHarness h = new CoreHarness("a", "a", 0, null, 10, 1, false, 1);
        h.autoPersist = false;
        h.tick(40);
        assertThat(h.core.role()).isEqualTo(RoleKind.CANDIDATE);
        assertThat(h.core.durableMeta().term()).isZero();
        h.core.onMetaPersisted(h.lastPersistedMeta());
        h.drain();
        assertThat(h.core.role())
                .as("single voter wins once its vote is durable")
                .isEqualTo(RoleKind.LEADER);
    }

    @Test
    @DisplayName("§5.2 If the AppendEntries RPC is from a leader whose term is at least as large as the"
            + " candidate's current term, the candidate returns to follower state")
    void candidateYieldsToLeaderOfSameTerm() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, 10, 1, false, 1);
        h.tick(40);
        long term = h.core.term();
        h.step(append("b", "a", term, 0, 0, 0));
        assertThat(h.core.role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(h.core.leader()).isEqualTo(p("b"));
    }

    @Test
    @DisplayName("§5.2 election timeouts are chosen randomly from a fixed interval [T, 2T)")
    void randomizedElectionTimeouts() {
        TreeSet<Integer> seen = new TreeSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, 10, 1, true, seed);
            int ticks = 0;
            while (sent(h.tick(1), PreVoteRequest.class).isEmpty()) {
                ticks++;
                assertThat(ticks).isLessThan(20);
            }
            seen.add(ticks + 1);
        }
        assertThat(seen.first()).isGreaterThanOrEqualTo(10);
        assertThat(seen.last()).isLessThan(20);
        assertThat(seen.size()).as("different seeds spread the timeouts").isGreaterThan(3);
    }

    @Test
    @DisplayName("§5.3 If the follower does not find an entry in its log with the same index and term,"
            + " then it refuses the new entries")
    void consistencyCheck() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 2, null, 1, 1, 1);
        var out = h.step(append("b", "a", 2, 3, 2, 0, data(4, 2, "x")));
        AppendEntriesResponse r = sent(out, AppendEntriesResponse.class).get(0);
        assertThat(r.success()).isFalse();
        assertThat(r.rejectedIndex()).isEqualTo(3);
        assertThat(r.hintIndex()).as("last index at or below 3 with term <= 2").isEqualTo(3);
        assertThat(h.core.log().lastIndex()).isEqualTo(3);
    }

    @Test
    @DisplayName("§5.3 If an existing entry conflicts with a new one (same index but different terms),"
            + " delete the existing entry and all that follow it")
    void conflictDeletesSuffix() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 3, null, 1, 1, 2, 2);
        h.step(append("b", "a", 3, 2, 1, 0, data(3, 3, "y")));
        assertThat(h.stable.entries).extracting(LogEntry::term).containsExactly(1L, 1L, 3L);
        assertThat(h.effects).anyMatch(e -> e instanceof Effect.TruncateLog t && t.lastIndexKept() == 2);
    }

    @Test
    @DisplayName("Figure 2: If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of"
            + " last new entry)")
    void followerCommit() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, 1);
        h.step(append("b", "a", 1, 1, 1, 9, data(2, 1, "x"), data(3, 1, "y")));
        assertThat(h.core.log().committed()).isEqualTo(3);
        h.step(append("b", "a", 1, 3, 1, 2));
        assertThat(h.core.log().committed()).as("commit never moves backwards").isEqualTo(3);
    }

    @Test
    @DisplayName("§5.4.1 the voter denies its vote if its own log is more up-to-date than that of the" + " candidate")
    void upToDateRestriction() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 2, null, 1, 2);
        var lowerTerm = h.step(vote("b", "a", 3, 5, 1));
        assertThat(sent(lowerTerm, RequestVoteResponse.class).get(0).granted()).isFalse();
        var shorter = h.step(vote("c", "a", 4, 1, 2));
        assertThat(sent(shorter, RequestVoteResponse.class).get(0).granted()).isFalse();
        var ok = h.step(vote("c", "a", 5, 2, 2));
        assertThat(sent(ok, RequestVoteResponse.class).get(0).granted()).isTrue();
    }

    @Test
    @DisplayName("§5.4.2 Raft never commits log entries from previous terms by counting replicas")
    void noCommitOfPreviousTermByCounting() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 2, null, 10, 1, false, 1, 1, 2);
        elect(h, "b");
        long term = h.core.term();
        // The new leader's own first entry (a configuration entry, braft) is index 3.
        assertThat(h.stable.entries.get(2).type()).isEqualTo(EntryType.CONFIGURATION);
        h.step(AppendEntriesResponse.accept("g", p("b"), p("a"), term, 2));
        assertThat(h.core.log().committed())
                .as("2@2 is on a majority but of an earlier term")
                .isZero();
        h.step(AppendEntriesResponse.accept("g", p("b"), p("a"), term, 3));
        assertThat(h.core.log().committed())
                .as("committing 3 commits 2 indirectly")
                .isEqualTo(3);
    }

    @Test
    @DisplayName("braft: the leader counts itself only after its own write is durable")
    void leaderCountsItselfAfterFsync() {
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, null, 10, 1, false, 1, 1);
        elect(h, "b");
        h.autoPersist = false;
        long term = h.core.term();
        long first = h.core.propose(List.of("x".getBytes()));
        h.drain();
        h.step(AppendEntriesResponse.accept("g", p("b"), p("a"), term, first));
        // b has 2 and 3; the leader's own conf entry (2) was durable, 3 is not yet: a + b have 2 only.
        assertThat(h.core.log().committed()).isEqualTo(first - 1);
        h.core.onLogPersisted(first, term);
        h.drain();
        assertThat(h.core.log().committed()).isEqualTo(first);
    }

    @Test
    @DisplayName("Restart: a log whose last term is newer than the durable term adopts it, without a vote")
    void restartAdoptsANewerLogTerm() {
        // The crash kept the follower's 3@2 but not the term-2 meta write issued just before it.
        CoreHarness h = new CoreHarness("a", "a,b,c", 1, "b", 1, 1, 2);
        assertThat(h.core.term()).isEqualTo(2);
        assertThat(h.core.votedFor()).isNull();
        var out = h.drain();
        assertThat(out)
                .anyMatch(e -> e instanceof Effect.PersistMeta pm && pm.meta().term() == 2);
        var v = h.step(vote("c", "a", 2, 3, 2));
        assertThat(sent(v, RequestVoteResponse.class).get(0).granted()).isTrue();
    }
}
