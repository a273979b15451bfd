package io.raftsim.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.NodeState;
import io.raftsim.engine.RaftError;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.testing.FaultyLogStorage;
import io.raftsim.engine.testing.FaultyLogStorage.Call;
import io.raftsim.engine.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * braft: any storage failure puts the node in a sticky ERROR state (onError, once) and the node
 * never touches its storage again until restart. Here the log fails as the segmented log does: a
 * call throws synchronously (ENOSPC from append, EIO from a read) and every later call throws too.
 * Whatever input reached the storage (a proposal, a message, an apply turn), no exception may
 * escape into the runtime (the scheduler would rethrow it and fail the test), and the decorator
 * counts every storage call made after the failure: there must be none.
 */
class StorageFailureBoundaryTest {
    private static final long MS = 1_000_000L;

    private static NodeOptions.Builder options() {
        return NodeOptions.builder().tickIntervalMs(10).electionTimeoutMs(300).heartbeatIntervalMs(50);
    }

    private static TestCluster cluster() {
        TestCluster c = new TestCluster(3, 11, options(), MS, MS, MS, 0.0);
        c.runFor(3_000 * MS);
        assertThat(c.leader()).as("a leader within 3 s").isGreaterThanOrEqualTo(0);
        return c;
    }

    private static StorageException noSpace() {
        return new StorageException(StorageException.Kind.NO_SPACE, "no space left on device");
    }

    private static StorageException badSector() {
        return new StorageException(StorageException.Kind.IO, "read hit a bad sector");
    }

    private static Task task(String data, List<Status> results) {
        return Task.of(data.getBytes(StandardCharsets.UTF_8), results::add);
    }

    /** ERROR, exactly one onError(EIO), and not one storage call since the failure. */
    private static void assertFailedForGood(TestCluster c, int i) {
        FaultyLogStorage log = c.faultyLog(i);
        assertThat(log.failed()).as("the armed fault fired on n%d", i + 1).isTrue();
        assertThat(c.node(i).describe().state()).as("n%d", i + 1).isEqualTo(NodeState.ERROR);
        assertThat(c.events(i).stream().filter(e -> e.startsWith("onError")))
                .as("n%d events %s", i + 1, c.events(i))
                .containsExactly("onError EIO");
        assertThat(log.callsAfterFailure())
                .as("storage calls after the failure, first: %s", log.firstCallAfterFailure())
                .isZero();
    }

    /** Every input a failed node can get: all refused, none reaches the storage. */
    private static void pokeEveryInput(TestCluster c, int i) {
        NodeImpl node = c.node(i);
        List<Status> answers = new ArrayList<>();
        node.apply(task("late", answers));
        node.readIndex(new byte[0], (st, index, ctx) -> answers.add(st));
        node.snapshot(answers::add);
        node.changePeers(Configuration.parse("n1,n2"), answers::add);
        node.addPeer(io.raftsim.engine.PeerId.of("n9"), answers::add);
        answers.add(node.transferLeadershipTo(io.raftsim.engine.PeerId.of("n1")));
        answers.add(node.resetPeers(Configuration.parse("n1")));
        c.runFor(2_000 * MS); // ticks, heartbeats and votes of the others keep arriving
        assertThat(answers).hasSize(7).noneMatch(Status::isOk);
    }

    @Test
    void synchronousEnospcOnTheLeadersAppendIsStickyAndTouchesStorageNoMore() {
        TestCluster c = cluster();
        int l = c.leader();
        NodeImpl leader = c.node(l);
        long term = leader.describe().term();
        c.faultyLog(l).arm(Call.APPEND, noSpace());
        List<Status> tasks = new ArrayList<>();
        List<Status> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leader.apply(task("doomed" + i, tasks));
        }
        leader.readIndex(new byte[0], (st, index, ctx) -> reads.add(st));
        c.runFor(100 * MS);

        assertFailedForGood(c, l);
        assertThat(c.faultyLog(l).failedFrom()).contains("NodeImpl.handle");
        assertThat(tasks)
                .as("outcome unknown, as on a step-down")
                .extracting(Status::code)
                .containsExactly(RaftError.EPERM, RaftError.EPERM, RaftError.EPERM);
        assertThat(reads).hasSize(1).noneMatch(Status::isOk);
        int next = c.leader();
        assertThat(next)
                .as("TimeoutNow hand-over within 100 ms")
                .isNotEqualTo(l)
                .isGreaterThanOrEqualTo(0);
        assertThat(c.node(next).describe().term()).isEqualTo(term + 1);

        pokeEveryInput(c, l);
        assertFailedForGood(c, l);
        assertThat(leader.describe().term()).isEqualTo(term);

        List<String> shutdown = new ArrayList<>();
        leader.shutdown(st -> shutdown.add(st.code().name()));
        c.runFor(10 * MS);
        assertThat(shutdown).containsExactly("OK");
        assertThat(c.events(l)).endsWith("onShutdown");
        assertThat(c.faultyLog(l).callsAfterFailure()).isZero();

        // The other two carry on.
        List<Status> after = new ArrayList<>();
        c.node(c.leader()).apply(task("after", after));
        c.runFor(100 * MS);
        assertThat(after).extracting(Status::code).containsExactly(RaftError.OK);
    }

    @Test
    void synchronousEnospcOnAFollowersAppendStopsOnlyThatFollower() {
        TestCluster c = cluster();
        int l = c.leader();
        int f = (l + 1) % 3;
        c.faultyLog(f).arm(Call.APPEND, noSpace());
        List<Status> tasks = new ArrayList<>();
        c.node(l).apply(task("x", tasks));
        c.runFor(100 * MS);
        assertFailedForGood(c, f);
        assertThat(c.faultyLog(f).failedFrom()).contains("NodeImpl.handle").contains("NodeImpl.onMessage");
        assertThat(tasks).extracting(Status::code).containsExactly(RaftError.OK);
        pokeEveryInput(c, f);
        assertFailedForGood(c, f);
        assertThat(c.leader()).isEqualTo(l);
    }

    @Test
    void aReadErrorWhileApplyingFromDiskStopsTheNode() {
        TestCluster c = cluster();
        int l = c.leader();
        int f = (l + 1) % 3;
        List<Status> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.node(l).apply(task("t" + i, tasks));
        }
        c.runFor(100 * MS);
        assertThat(tasks).hasSize(5).allMatch(Status::isOk);
        // A restarted follower has no entry cache: it applies its committed log from disk.
        c.crash(f);
        c.restart(f);
        c.faultyLog(f).arm(Call.ENTRIES, badSector());
        c.runFor(500 * MS);
        assertFailedForGood(c, f);
        assertThat(c.faultyLog(f).failedFrom()).contains("NodeImpl.applyBatch");
        pokeEveryInput(c, f);
        assertFailedForGood(c, f);
        // Until restart: a new process on the same (healthy again) disk catches up and applies.
        c.crash(f);
        c.restart(f);
        c.runFor(1_000 * MS);
        assertThat(c.node(f).describe().state()).isEqualTo(NodeState.FOLLOWER);
        assertThat(c.node(f).describe().appliedIndex())
                .isEqualTo(c.node(l).describe().appliedIndex());
    }

    @Test
    void aReadErrorOnTermAtWhileFollowingStopsTheNode() {
        TestCluster c = cluster();
        int l = c.leader();
        int f = (l + 2) % 3;
        c.node(l).apply(task("a", new ArrayList<>()));
        c.runFor(100 * MS);
        c.crash(f);
        c.restart(f);
        c.faultyLog(f).arm(Call.TERM_AT, badSector());
        c.runFor(500 * MS);
        assertFailedForGood(c, f);
        assertThat(c.faultyLog(f).failedFrom()).contains("RaftLog.termAt").contains("NodeImpl.onMessage");
        pokeEveryInput(c, f);
        assertFailedForGood(c, f);
    }

    @Test
    void aReadErrorWhileTheLeaderReplicatesFromDiskStopsItAndHandsOver() {
        TestCluster c = cluster();
        int l = c.leader();
        int lagging = (l + 1) % 3;
        c.crash(lagging);
        List<Status> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            c.node(l).apply(task("t" + i, tasks));
        }
        c.runFor(200 * MS);
        assertThat(tasks).hasSize(20).allMatch(Status::isOk);
        // Restart the two up-to-date nodes: their entry caches are empty, so the next leader
        // catches the lagging node up from disk.
        int other = (l + 2) % 3;
        c.crash(l);
        c.crash(other);
        c.restart(l);
        c.restart(other);
        c.runFor(3_000 * MS);
        int leader = c.leader();
        assertThat(leader).isIn(l, other);
        long term = c.node(leader).describe().term();
        c.faultyLog(leader).arm(Call.ENTRIES, badSector());
        c.restart(lagging);
        c.runFor(200 * MS);

        assertFailedForGood(c, leader);
        assertThat(c.faultyLog(leader).failedFrom()).contains("Leader.sendAppend");
        int next = c.leader();
        assertThat(next).as("TimeoutNow hand-over").isNotEqualTo(leader).isGreaterThanOrEqualTo(0);
        assertThat(c.node(next).describe().term()).isEqualTo(term + 1);
        pokeEveryInput(c, leader);
        assertFailedForGood(c, leader);
    }
}
