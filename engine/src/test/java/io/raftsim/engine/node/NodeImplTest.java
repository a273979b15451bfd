package io.raftsim.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.NodeState;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade's own behaviour: batching, closures and their error codes, shutdown, ERROR state. */
class NodeImplTest {
    private static final long MS = 1_000_000L;

    private static TestCluster cluster(NodeOptions.Builder options) {
        TestCluster c = new TestCluster(3, 7, options, MS, MS, MS, 0.0);
        c.runFor(3_000 * MS);
        assertThat(c.leader()).as("a leader within 3 s").isGreaterThanOrEqualTo(0);
        return c;
    }

    private static NodeOptions.Builder options() {
        return NodeOptions.builder().tickIntervalMs(10).electionTimeoutMs(300).heartbeatIntervalMs(50);
    }

    private static Task task(String data, List<Status> results) {
        return Task.of(data.getBytes(StandardCharsets.UTF_8), results::add);
    }

    @Test
    void tasksAppliedInOneTurnShareOneLogAppend() {
        TestCluster c = cluster(options().proposalBatching(true));
        NodeImpl leader = c.node(c.leader());
        long appendsBefore = leader.stats().logAppends();
        List<Status> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leader.apply(task("t" + i, results));
        }
        c.runFor(100 * MS);
        assertThat(results).hasSize(50).allMatch(Status::isOk);
        assertThat(leader.stats().logAppends() - appendsBefore).isEqualTo(1);
    }

    @Test
    void withoutBatchingEveryTaskIsItsOwnAppend() {
        TestCluster c = cluster(options().proposalBatching(false));
        NodeImpl leader = c.node(c.leader());
        long appendsBefore = leader.stats().logAppends();
        List<Status> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leader.apply(task("t" + i, results));
        }
        c.runFor(100 * MS);
        assertThat(results).hasSize(50).allMatch(Status::isOk);
        assertThat(leader.stats().logAppends() - appendsBefore).isEqualTo(50);
    }

    @Test
    void followersRefuseWithEnotleaderAndTooManyPendingTasksIsEbusy() {
        TestCluster c = cluster(options().maxPendingTasks(3));
        int leader = c.leader();
        NodeImpl follower = c.node((leader + 1) % 3);
        List<Status> results = new ArrayList<>();
        follower.apply(task("x", results));
        for (int i = 0; i < 4; i++) {
            c.node(leader).apply(task("y" + i, results));
        }
        c.runFor(100 * MS);
        assertThat(results)
                .extracting(Status::code)
                .containsExactlyInAnyOrder(
                        RaftError.ENOTLEADER, RaftError.EBUSY, RaftError.OK, RaftError.OK, RaftError.OK);
        assertThat(results.get(0).message()).contains("not leader; leader is n" + (leader + 1));
    }

    @Test
    void expectedTermMismatchIsEstale() {
        TestCluster c = cluster(options());
        NodeImpl leader = c.node(c.leader());
        long term = leader.describe().term();
        List<Status> results = new ArrayList<>();
        leader.apply(new Task(new byte[] {1}, results::add, term + 1));
        leader.apply(new Task(new byte[] {2}, results::add, term));
        c.runFor(100 * MS);
        assertThat(results).extracting(Status::code).containsExactly(RaftError.ESTALE, RaftError.OK);
    }

    @Test
    void shutdownFailsPendingTasksThenCallsOnShutdownThenTheClosure() {
        TestCluster c = cluster(options());
        int l = c.leader();
        NodeImpl leader = c.node(l);
        List<Status> results = new ArrayList<>();
        long proposed = leader.stats().proposals();
        leader.apply(task("proposed", results));
        while (leader.stats().proposals() == proposed) {
            c.scheduler().step(); // until the batch is proposed, before any follower can answer
        }
        leader.apply(task("batched", results));
        List<String> order = new ArrayList<>();
        leader.shutdown(st -> order.add("done " + st));
        c.runFor(100 * MS);
        assertThat(results).extracting(Status::code).containsExactly(RaftError.ESHUTDOWN, RaftError.ESHUTDOWN);
        assertThat(results.get(0).message()).contains("before the task was applied");
        assertThat(c.events(l)).endsWith("onLeaderStop EPERM", "onShutdown");
        int next = c.leader();
        assertThat(next)
                .as("TimeoutNow hand-over within 100 ms")
                .isNotEqualTo(l)
                .isGreaterThanOrEqualTo(0);
        assertThat(order).containsExactly("done OK");
        assertThat(leader.describe().state()).isEqualTo(NodeState.SHUTDOWN);
        List<Status> after = new ArrayList<>();
        leader.apply(task("late", after));
        c.runFor(MS);
        assertThat(after).extracting(Status::code).containsExactly(RaftError.ESHUTDOWN);
    }

    @Test
    void aSynchronousLogWriteFailureIsStickyAndHandsLeadershipOver() {
        TestCluster c = cluster(options());
        int l = c.leader();
        NodeImpl leader = c.node(l);
        long term = leader.describe().term();
        c.log(l).failNextWrite(new StorageException(StorageException.Kind.NO_SPACE, "disk full"));
        List<Status> results = new ArrayList<>();
        leader.apply(task("doomed", results));
        c.runFor(50 * MS);
        assertThat(leader.describe().state()).isEqualTo(NodeState.ERROR);
        assertThat(c.events(l)).contains("onError EIO");
        assertThat(results).extracting(Status::code).containsExactly(RaftError.EPERM);
        // TimeoutNow: the most up-to-date follower wins well before an election timeout (300 ms).
        int next = c.leader();
        assertThat(next).isNotEqualTo(l).isGreaterThanOrEqualTo(0);
        assertThat(c.node(next).describe().term()).isEqualTo(term + 1);
        // Sticky: the failed node ignores ticks and messages for good.
        c.runFor(2_000 * MS);
        assertThat(leader.describe().state()).isEqualTo(NodeState.ERROR);
        assertThat(leader.describe().term()).isEqualTo(term);
    }

    @Test
    void leaderStartAndStopArePaired() {
        TestCluster c = cluster(options());
        int l = c.leader();
        long term = c.node(l).describe().term();
        assertThat(c.events(l)).containsExactly("onLeaderStart " + term);
        c.crash((l + 1) % 3);
        c.crash((l + 2) % 3);
        c.runFor(1_000 * MS);
        assertThat(c.events(l))
                .as("CheckQuorum deposes the isolated leader")
                .containsExactly("onLeaderStart " + term, "onLeaderStop EPERM");
    }

    @Test
    void aStateMachineThatThrowsStopsTheNodeWithEstatemachine() {
        TestCluster c = cluster(options());
        int l = c.leader();
        c.poison("bad");
        List<Status> results = new ArrayList<>();
        c.node(l).apply(task("bad", results));
        c.runFor(100 * MS);
        for (int i = 0; i < 3; i++) {
            assertThat(c.node(i).describe().state()).as("n%d", i + 1).isEqualTo(NodeState.ERROR);
            assertThat(c.events(i)).contains("onError ESTATEMACHINE");
        }
    }
}
