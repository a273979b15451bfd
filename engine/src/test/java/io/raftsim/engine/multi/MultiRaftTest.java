package io.raftsim.engine.multi;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Configuration;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.NodeManager;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.engine.storage.snapshot.SnapshotReader;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;
import io.raftsim.engine.testing.SeededRandom;
import io.raftsim.engine.testing.TestScheduler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two raft groups on three processes (multi-raft): each process has one {@link NodeManager}, one
 * file system and one transport shared by its groups. Groups elect and commit independently, keep
 * separate directories, never see each other's entries, and a process crash stops both of its
 * replicas, which recover from their own logs and snapshots on restart.
 */
class MultiRaftTest {
    private static final long MS = 1_000_000L;
    private static final String[] GROUPS = {"g1", "g2"};
    private static final PeerId[] PEERS = {PeerId.of("n1"), PeerId.of("n2"), PeerId.of("n3")};

    /** Applied data, replaced wholesale by snapshots. */
    private static final class ListMachine implements StateMachine {
        final List<String> applied = new ArrayList<>();

        @Override
        public void onApply(Iterator it) {
            for (; it.valid(); it.next()) {
                applied.add(new String(it.data(), StandardCharsets.UTF_8));
                if (it.done() != null) {
                    it.done().run(Status.ok());
                }
            }
        }

        @Override
        public void onSnapshotSave(SnapshotWriter writer, Closure done) {
            writer.writeFile("data", String.join("\n", applied).getBytes(StandardCharsets.UTF_8));
            done.run(Status.ok());
        }

        @Override
        public void onSnapshotLoad(SnapshotReader reader) {
            String text = new String(reader.readFile("data"), StandardCharsets.UTF_8);
            applied.clear();
            if (!text.isEmpty()) {
                applied.addAll(Arrays.asList(text.split("\n")));
            }
        }
    }

    private final TestScheduler scheduler = new TestScheduler(3);
    private final MemoryFileSystem[] fs = new MemoryFileSystem[3];
    private final NodeManager[] managers = new NodeManager[3];
    /** machines.get(process).get(group). */
    private final List<TreeMap<String, ListMachine>> machines = new ArrayList<>();

    private void startProcess(int p) {
        TreeMap<String, ListMachine> ms = new TreeMap<>();
        machines.set(p, ms);
        managers[p] =
                new NodeManager(scheduler.clockFor(p), (to, m) -> send(m), new SeededRandom(17 + p), fs[p], "raft");
        for (String g : GROUPS) {
            ListMachine m = new ListMachine();
            ms.put(g, m);
            NodeOptions o = NodeOptions.builder()
                    .initialConfiguration(Configuration.of(PEERS))
                    .stateMachine(m)
                    .tickIntervalMs(10)
                    .electionTimeoutMs(300)
                    .heartbeatIntervalMs(50)
                    .snapshotLogEntries(10)
                    .snapshotMarginEntries(2)
                    .build();
            managers[p].add(g, PEERS[p], o);
        }
    }

    private void send(RaftMessage m) {
        int to = Integer.parseInt(m.to().toString().substring(1)) - 1;
        scheduler.schedule(to, 2 * MS, () -> {
            if (managers[to] != null) {
                managers[to].receive(m);
            }
        });
    }

    private void run(long nanos) {
        long until = scheduler.nowNanos() + nanos;
        while (scheduler.nowNanos() < until && scheduler.step()) {
            // virtual time
        }
    }

    private RaftNode leader(String group) {
        for (NodeManager nm : managers) {
            if (nm != null) {
                for (RaftNode n : nm.nodes()) {
                    if (n.groupId().equals(group) && n.isLeader()) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    private void proposeAll(String group, String prefix, int count) {
        RaftNode l = leader(group);
        assertThat(l).as("leader of %s", group).isNotNull();
        for (int i = 0; i < count; i++) {
            l.apply(Task.of((prefix + i).getBytes(StandardCharsets.UTF_8), null));
        }
    }

    private static List<String> expected(String group, int from, int to, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(group + prefix + i);
        }
        return out;
    }

    @Test
    void groupsShareAProcessButNotTheirLogsAndACrashStopsThemAll() {
        for (int p = 0; p < 3; p++) {
            fs[p] = new MemoryFileSystem(scheduler.clockFor(p), 100 + p);
            machines.add(null);
            startProcess(p);
        }
        run(3_000 * MS);
        for (String g : GROUPS) {
            proposeAll(g, g + "a", 25);
        }
        run(2_000 * MS);
        for (int p = 0; p < 3; p++) {
            for (String g : GROUPS) {
                assertThat(machines.get(p).get(g).applied)
                        .as("process %d group %s applies exactly its own group's entries, in order", p, g)
                        .containsExactlyElementsOf(expected(g, 0, 25, "a"));
            }
            assertThat(fs[p].list("raft")).containsExactly("g1", "g2");
            assertThat(fs[p].list("raft/g1/" + PEERS[p])).containsExactlyInAnyOrder("log", "meta", "snapshot");
            assertThat(fs[p].list("raft/g2/" + PEERS[p] + "/snapshot"))
                    .as("each group snapshots into its own directory")
                    .anyMatch(n -> n.startsWith("snapshot_"));
        }

        // The process hosting g1's leader crashes: both of its replicas stop at once.
        int victim = Integer.parseInt(leader("g1").serverId().toString().substring(1)) - 1;
        scheduler.crash(victim);
        fs[victim].crash(CrashMode.LOSE_UNSYNCED);
        managers[victim] = null;
        run(3_000 * MS);
        for (String g : GROUPS) {
            RaftNode l = leader(g);
            assertThat(l)
                    .as("group %s has a leader on the surviving processes", g)
                    .isNotNull();
            assertThat(l.serverId()).isNotEqualTo(PEERS[victim]);
            proposeAll(g, g + "b", 5);
        }
        run(2_000 * MS);

        // Restart: a new manager over the same disk; each replica recovers from its own directories.
        startProcess(victim);
        run(5_000 * MS);
        for (int p = 0; p < 3; p++) {
            for (String g : GROUPS) {
                List<String> want = expected(g, 0, 25, "a");
                want.addAll(expected(g, 0, 5, "b"));
                assertThat(machines.get(p).get(g).applied)
                        .as("process %d group %s after the crash and restart of process %d", p, g, victim)
                        .containsExactlyElementsOf(want);
            }
        }
        assertThat(managers[victim].unroutableMessages()).isZero();
    }
}
