package io.raftsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Five nodes, three voters at first; the leader keeps changing the membership (adding a spare,
 * removing a voter, itself included) by joint consensus while messages are dropped and nodes
 * crash and restart, with snapshots on. Safety as in {@link ClusterFuzzTest}; at the end the final
 * members hold every acknowledged write.
 */
class MembershipFuzzTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "seed={0}")
    @CsvSource({"41", "42"})
    void membershipChangesUnderDropsAndRestarts(long seed) {
        String repro =
                "mvn -pl engine test -Dtest=MembershipFuzzTest -Dsurefire.failIfNoSpecifiedTests=false  # seed=" + seed;
        int nodes = 5;
        NodeOptions.Builder options = NodeOptions.builder()
                .tickIntervalMs(10)
                .electionTimeoutMs(300)
                .heartbeatIntervalMs(50)
                .maxEntriesPerAppend(64)
                .maxInflightAppends(16)
                .snapshotLogEntries(200)
                .snapshotMarginEntries(20)
                .catchupMarginEntries(50)
                .catchupTimeoutMs(3_000);
        TestCluster c = new TestCluster(nodes, seed, options, 2 * MS, MS / 2, 5 * MS, 0.05, true, 3);
        SplittableRandom r = new SplittableRandom(seed ^ 0xc0f);
        long[] restartAt = new long[nodes];
        int next = 0;
        int crashes = 0;
        int[] changes = {0};
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
            if (down == 0 && r.nextInt(300) == 0) {
                int victim = r.nextBoolean() && c.leader() >= 0 ? c.leader() : r.nextInt(nodes);
                c.crash(victim);
                crashes++;
                restartAt[victim] = now + (50 + r.nextInt(600)) * MS;
            }
            int leader = c.leader();
            if (leader >= 0 && r.nextInt(250) == 0) {
                List<PeerId> peers = c.node(leader).listPeers();
                TreeSet<PeerId> target = new TreeSet<>(peers);
                if (peers.size() <= 3) {
                    List<PeerId> spares = new ArrayList<>();
                    for (int i = 0; i < nodes; i++) {
                        PeerId p = PeerId.of("n" + (i + 1));
                        if (!peers.contains(p)) {
                            spares.add(p);
                        }
                    }
                    target.add(spares.get(r.nextInt(spares.size())));
                } else {
                    target.remove(peers.get(r.nextInt(peers.size())));
                }
                c.node(leader).changePeers(new Configuration(target, new TreeSet<>()), st -> {
                    if (st.isOk()) {
                        changes[0]++;
                    }
                });
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
        c.runFor(10_000 * MS);
        int leader = c.leader();
        assertThat(leader).as("a leader after healing; %s", repro).isGreaterThanOrEqualTo(0);
        List<PeerId> members = c.node(leader).listPeers();
        System.out.println("summary " + repro + " crashes=" + crashes + " changes=" + changes[0] + " members=" + members
                + " simMs=" + c.scheduler().nowNanos() / MS + " commit=" + c.maxCommit());
        c.checkLogMatching();
        c.checkAcknowledgedDurable(c.maxCommit(), i -> members.contains(PeerId.of("n" + (i + 1))));
        assertThat(changes[0]).as("membership changes completed; %s", repro).isGreaterThan(2);
        assertThat(crashes).as("restarts happened; %s", repro).isGreaterThan(0);
    }
}
