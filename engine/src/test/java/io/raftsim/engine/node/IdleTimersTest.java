package io.raftsim.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.testing.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * A node sets its timer for the first tick that can act, not for every tick: an idle cluster costs
 * its heartbeats and little else. With a timer event every 10 ms tick, the three nodes below
 * would run 3,000 timer events in 10 s on top of the heartbeats.
 */
class IdleTimersTest {
    private static final long MS = 1_000_000L;

    @Test
    void anIdleClusterRunsAboutOneEventPerHeartbeatMessage() {
        NodeOptions.Builder options =
                NodeOptions.builder().tickIntervalMs(10).electionTimeoutMs(1000).heartbeatIntervalMs(100);
        TestCluster c = new TestCluster(3, 1, options, MS, MS / 2, MS, 0.0);
        c.runFor(5_000 * MS);
        int leader = c.leader();
        assertThat(leader).as("a leader after 5 s").isGreaterThanOrEqualTo(0);

        long eventsBefore = c.scheduler().eventsRun();
        long messagesBefore = c.messages();
        c.runFor(10_000 * MS);
        long events = c.scheduler().eventsRun() - eventsBefore;
        long messages = c.messages() - messagesBefore;

        assertThat(c.leader()).as("the same leader throughout").isEqualTo(leader);
        // 10 heartbeat rounds a second to two followers, each answered: 400 messages in 10 s.
        assertThat(messages).isBetween(380L, 420L);
        // Deliveries, plus one leader timer per heartbeat (100) and a few follower wake-ups per
        // election timeout; far below the 3,000 tick events a fixed tick would add.
        assertThat(events - messages)
                .as("events other than deliveries (%d events, %d messages)", events, messages)
                .isBetween(100L, 300L);
    }
}
