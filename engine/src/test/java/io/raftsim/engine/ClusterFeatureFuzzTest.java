package io.raftsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.node.NodeImpl;
import io.raftsim.engine.testing.TestCluster;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deterministic cluster fuzz with part 2's features switched on: frequent snapshots with log
 * compaction (so lagging and restarted followers are caught up by InstallSnapshot in small chunks
 * over a lossy network), leadership transfers, and linearizable reads (ReadIndex or lease) checked
 * against the writes acknowledged before they started. Safety is checked as in {@link
 * ClusterFuzzTest}; compacted entries must be in the state machines instead of the logs.
 */
class ClusterFeatureFuzzTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "nodes={0} seed={1} lease={2}")
    @CsvSource({"3, 11, false", "3, 12, true", "5, 13, false"})
    void snapshotsTransfersAndReadsUnderDropsAndRestarts(int nodes, long seed, boolean lease) {
        String repro = "mvn -pl engine test -Dtest=ClusterFeatureFuzzTest -Dsurefire.failIfNoSpecifiedTests=false"
                + "  # nodes=" + nodes + " seed=" + seed + " lease=" + lease;
        NodeOptions.Builder options = NodeOptions.builder()
                .tickIntervalMs(10)
                .electionTimeoutMs(300)
                .heartbeatIntervalMs(50)
                .maxEntriesPerAppend(64)
                .maxInflightAppends(16)
                .snapshotLogEntries(150)
                .snapshotMarginEntries(20)
                .snapshotChunkBytes(512)
                .readMode(lease ? ReadMode.LEASE_BASED : ReadMode.SAFE)
                .maxClockDriftMs(50);
        TestCluster c = new TestCluster(nodes, seed, options, 2 * MS, MS / 2, 5 * MS, 0.10, true, nodes);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eed);
        int maxDown = (nodes - 1) / 2;
        long[] restartAt = new long[nodes];
        int next = 0;
        int crashes = 0;
        int transfers = 0;
        int[] readsOk = {0};
        long deadline = 600_000 * MS;
        while (c.acknowledgedCount() < 3_000) {
            if (c.scheduler().nowNanos() > deadline) {
                throw new AssertionError("no progress: only " + c.acknowledgedCount() + " acknowledged; " + repro);
            }
            c.runFor(MS);
            long now = c.scheduler().nowNanos();
            int down = 0;
            for (int i = 0; i < nodes; i++) {
                if (!c.isUp(i) && now >= restartAt[i]) {
                    c.restart(i);
                }
                down += c.isUp(i) ? 0 : 1;
            }
            if (down < maxDown && r.nextInt(150) == 0) {
                int victim = r.nextBoolean() && c.leader() >= 0 ? c.leader() : r.nextInt(nodes);
                if (c.isUp(victim)) {
                    c.crash(victim);
                    crashes++;
                    restartAt[victim] = now + (50 + r.nextInt(600)) * MS;
                }
            }
            int leader = c.leader();
            if (leader >= 0
                    && r.nextInt(400) == 0
                    && c.node(leader).transferLeadershipTo(null).isOk()) {
                transfers++;
            }
            if (r.nextInt(20) == 0) {
                int reader = r.nextInt(nodes);
                if (c.isUp(reader)) {
                    NodeImpl n = c.node(reader);
                    // Linearizability of reads: a read started now must see every write already acknowledged.
                    long mustSee = c.maxAcknowledgedIndex();
                    n.readIndex(new byte[0], (st, index, ctx) -> {
                        if (!st.isOk()) {
                            return;
                        }
                        if (index < mustSee) {
                            throw new AssertionError("read on " + n.serverId() + " got index " + index
                                    + " but write at " + mustSee + " was acknowledged before it started; "
                                    + repro);
                        }
                        long applied = n.describe().appliedIndex();
                        if (applied < index) {
                            throw new AssertionError("read on " + n.serverId() + " served at applied " + applied
                                    + " < read index " + index + "; " + repro);
                        }
                        readsOk[0]++;
                    });
                }
            }
            if (leader >= 0) {
                int batch = r.nextInt(3);
                for (int k = 0; k < batch; k++) {
                    c.propose(leader, "v" + next++);
                }
            }
        }
        c.setDropProbability(0);
        for (int i = 0; i < nodes; i++) {
            if (!c.isUp(i)) {
                c.restart(i);
            }
        }
        c.runFor(5_000 * MS);
        long snapshotsInstalled = 0;
        long snapshotsSaved = 0;
        for (int i = 0; i < nodes; i++) {
            snapshotsInstalled += c.node(i).stats().snapshotsInstalled();
            snapshotsSaved += c.node(i).stats().snapshotsSaved();
        }
        System.out.println("summary " + repro + " crashes=" + crashes + " transfers=" + transfers + " readsOk="
                + readsOk[0] + " snapshotsSaved=" + snapshotsSaved + " snapshotsInstalled=" + snapshotsInstalled
                + " simMs=" + c.scheduler().nowNanos() / MS + " commit=" + c.maxCommit());
        c.checkLogMatching();
        c.checkAcknowledgedDurable(c.maxCommit());
        assertThat(crashes).as("restarts happened; %s", repro).isGreaterThan(0);
        assertThat(snapshotsSaved).as("snapshots were taken; %s", repro).isGreaterThan(0);
        assertThat(readsOk[0]).as("reads were served; %s", repro).isGreaterThan(0);
        assertThat(transfers).as("transfers were started; %s", repro).isGreaterThan(0);
    }
}
