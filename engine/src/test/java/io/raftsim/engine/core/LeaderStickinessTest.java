package io.raftsim.engine.core;

import static io.raftsim.engine.testing.CoreHarness.p;
import static io.raftsim.engine.testing.CoreHarness.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.PreVoteRequest;
import io.raftsim.engine.message.PreVoteResponse;
import io.raftsim.engine.message.RequestVoteRequest;
import io.raftsim.engine.message.RequestVoteResponse;
import io.raftsim.engine.testing.CoreHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leader stickiness, its own option apart from CheckQuorum (dissertation §4.2.3: "if a server
 * receives a RequestVote request within the minimum election timeout of hearing from a current
 * leader, it does not update its term or grant its vote").
 */
class LeaderStickinessTest {
    private static final int ELECTION_TICKS = 10;

    /** Follower "a" of leader "b" in term 2, with CheckQuorum on and stickiness as given. */
    private static CoreHarness followerOfB(boolean sticky) {
        CoreConfig cfg = new CoreConfig(ELECTION_TICKS, 1, false, true, 64, 1 << 20, 8, 16, 0, sticky);
        CoreHarness h = new CoreHarness("a", "a,b,c", 2, null, cfg, 1, 1, 2);
        h.step(new AppendEntriesRequest("g", p("b"), p("a"), 2, 2, 2, List.of(), 2));
        assertThat(h.core.leader()).isEqualTo(p("b"));
        return h;
    }

    private static RequestVoteRequest voteFromC(long term) {
        return new RequestVoteRequest("g", p("c"), p("a"), term, 2, 2, false);
    }

    @Test
    void aStickyFollowerThatHeardFromItsLeaderIgnoresRequestVote() {
        CoreHarness h = followerOfB(true);
        var out = h.step(voteFromC(3));
        assertThat(h.core.term()).as("the disruptor's term is not adopted").isEqualTo(2);
        assertThat(h.core.leader()).isEqualTo(p("b"));
        assertThat(sent(out, RequestVoteResponse.class))
                .as("no vote, not even a refusal")
                .isEmpty();
    }

    @Test
    void aStickyFollowerAlsoRefusesPreVotes() {
        CoreHarness h = followerOfB(true);
        var out = h.step(new PreVoteRequest("g", p("c"), p("a"), 3, 2, 2));
        assertThat(sent(out, PreVoteResponse.class)).singleElement().satisfies(r -> assertThat(r.granted())
                .isFalse());
    }

    @Test
    void aStickyFollowerVotesOnceAnElectionTimeoutPassedWithoutTheLeader() {
        CoreHarness h = followerOfB(true);
        h.tick(ELECTION_TICKS - 1);
        assertThat(h.core.term()).as("not timed out yet").isEqualTo(2);
        // Elapsed reaches the election timeout: the stickiness window is over (it may campaign itself).
        h.tick(1);
        var out = h.step(voteFromC(h.core.term() + 1));
        assertThat(sent(out, RequestVoteResponse.class)).singleElement().satisfies(r -> assertThat(r.granted())
                .isTrue());
    }

    @Test
    void withoutStickinessTheFollowerAdoptsTheTermAndGrantsTheVoteDespiteCheckQuorum() {
        CoreHarness h = followerOfB(false);
        var out = h.step(voteFromC(3));
        assertThat(h.core.term()).isEqualTo(3);
        assertThat(h.core.leader()).isNull();
        assertThat(sent(out, RequestVoteResponse.class)).singleElement().satisfies(r -> assertThat(r.granted())
                .isTrue());
    }

    @Test
    void aLeadershipTransferBypassesStickiness() {
        CoreHarness h = followerOfB(true);
        var out = h.step(new RequestVoteRequest("g", p("c"), p("a"), 3, 2, 2, true));
        assertThat(h.core.term()).isEqualTo(3);
        assertThat(sent(out, RequestVoteResponse.class)).singleElement().satisfies(r -> assertThat(r.granted())
                .isTrue());
    }
}
