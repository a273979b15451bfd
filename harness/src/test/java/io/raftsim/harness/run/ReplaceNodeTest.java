package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.PeerId;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NodeProcess;
import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.Faults.ReplaceNode;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replacing a follower, then the leader, under client load: the history stays linearizable, each
 * new node (identities n5 and n6, never used before) applies the whole state, the old identities
 * are gone from the configuration for good, and the summary counts the faults and the changes.
 *
 * <p>Which slot leads when is found from the run itself: a run is deterministic, and a fault at
 * time T cannot change what happened before T, so a first run tells who leads at T, and the run
 * that replaces that slot at T sees the same leader there.
 */
class ReplaceNodeTest {
    private static final long FOLLOWER_AT_MS = 4_000;
    private static final long LEADER_AT_MS = 12_000;

    static RunConfig cfg(long seed) {
        return new RunConfig(
                seed,
                5,
                Workload.KV,
                1_500,
                30_000,
                NemesisSpec.parse("replace-node"),
                ReadMode.READ_INDEX,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
    }

    /** The run's outcome and its cluster as it ended. */
    record Played(RunOutcome outcome, Cluster cluster) {}

    static Played play(RunConfig cfg, List<FaultEvent> events) {
        RunInput drawn = RunInput.draw(cfg);
        RunInput input = new RunInput(drawn.schedule().withEvents(events), drawn.ops());
        Cluster[] seen = new Cluster[1];
        RunOutcome o =
                RunDriver.run(cfg, input, Duration.ofSeconds(60), Long.MAX_VALUE, (ms, ev) -> {}, new RunProbe() {
                    @Override
                    public void afterStop(Cluster cluster) {
                        seen[0] = cluster;
                    }
                });
        return new Played(o, seen[0]);
    }

    /** The identity leading at {@code atMs} (the highest term among nodes whose last role is LEADER), or -1. */
    static int leaderAt(List<RoleChange> roles, long atMs) {
        TreeMap<Integer, RoleChange> last = new TreeMap<>();
        for (RoleChange c : roles) {
            if (c.timeNs() / 1_000_000 < atMs) {
                last.put(c.node(), c);
            }
        }
        int leader = -1;
        long term = -1;
        for (RoleChange c : last.values()) {
            if (c.state().equals("LEADER") && c.term() > term) {
                term = c.term();
                leader = c.node();
            }
        }
        return leader;
    }

    @ParameterizedTest(name = "joint={0}")
    @ValueSource(booleans = {false, true})
    void replaceAFollowerThenTheLeaderUnderLoad(boolean joint) {
        RunConfig cfg = cfg(11);
        // Who leads at the first replacement does not depend on what that replacement does.
        Played probe = play(cfg, List.of(new FaultEvent(FOLLOWER_AT_MS, 3_000, new ReplaceNode(0, true, joint))));
        int leader1 = leaderAt(probe.outcome().roles(), FOLLOWER_AT_MS);
        assertThat(leader1)
                .as("a leader at %d ms; repro: %s", FOLLOWER_AT_MS, cfg.reproCommand())
                .isGreaterThanOrEqualTo(0);
        int followerSlot = (leader1 + 1) % 5;
        // The follower (a crashed machine) gives its slot to n5.
        FaultEvent first = new FaultEvent(FOLLOWER_AT_MS, 3_000, new ReplaceNode(followerSlot, true, joint));
        Played second = play(cfg, List.of(first));
        int leader2 = leaderAt(second.outcome().roles(), LEADER_AT_MS);
        assertThat(leader2).as("a leader at %d ms", LEADER_AT_MS).isGreaterThanOrEqualTo(0);
        int leaderSlot = leader2 == 5 ? followerSlot : leader2;
        // The leader, decommissioned while it runs, gives its slot to n6: it must hand over.
        FaultEvent then = new FaultEvent(LEADER_AT_MS, 3_000, new ReplaceNode(leaderSlot, false, joint));
        Played run = play(cfg, List.of(first, then));
        RunSummary s = run.outcome().summary();
        String repro = "schedule " + List.of(first, then) + " on " + cfg.reproCommand();

        assertThat(leaderAt(run.outcome().roles(), LEADER_AT_MS))
                .as("n%d still leads when it is replaced; %s", leader2, repro)
                .isEqualTo(leader2);
        assertThat(s.verdict()).as("%s; %s", s.failure(), repro).isEqualTo(Verdict.VALID);
        assertThat(run.outcome().check()).isNotNull();
        assertThat(s.ops().ok()).isGreaterThan(100);
        assertThat(s.faults()).containsEntry("replace-node", 2L);
        // Add then remove is two changes per replacement, one joint change is one.
        assertThat(s.membershipChanges()).isEqualTo(joint ? 2L : 4L);

        Cluster c = run.cluster();
        assertThat(c.process(followerSlot).index()).isEqualTo(5);
        assertThat(c.process(leaderSlot).index()).isEqualTo(6);
        assertThat(c.processById(followerSlot).retired()).isTrue();
        assertThat(c.processById(leader2).retired()).isTrue();
        NodeProcess lead = c.process(c.leader());
        List<PeerId> voters = lead.node().listPeers();
        assertThat(voters)
                .as("voters on the leader n%d", lead.index())
                .hasSize(5)
                .contains(PeerId.of("n5"), PeerId.of("n6"))
                .doesNotContain(PeerId.of("n" + followerSlot), PeerId.of("n" + leader2));
        // Every slot's node, the two new ones included, applied the whole state.
        long applied = lead.stateMachine().appliedIndex();
        assertThat(applied).isGreaterThan(0);
        for (int slot = 0; slot < 5; slot++) {
            NodeProcess p = c.process(slot);
            assertThat(p.stateMachine().appliedIndex())
                    .as("n%d applied", p.index())
                    .isEqualTo(applied);
            assertThat(p.stateMachine().store().registers())
                    .as("n%d's registers", p.index())
                    .isEqualTo(lead.stateMachine().store().registers());
        }
        // The old leader stepped down for a new one in a later term.
        long oldTerm = run.outcome().roles().stream()
                .filter(r -> r.node() == leader2 && r.state().equals("LEADER"))
                .mapToLong(RoleChange::term)
                .max()
                .orElseThrow();
        assertThat(lead.node().describe().term()).isGreaterThan(oldTerm);
    }

    @Test
    void anEarlierFaultsUndoLeavesTheNewMachineAloneAndAReplacementAtTheHealStillFinishes() {
        RunConfig cfg = cfg(13);
        long healMs = RunInput.draw(cfg).schedule().healAtMs();
        // n2 is killed; its slot is replaced (decommissioned, but already dead) before the kill
        // ends: the kill's restart must not hit n5. Then n3's slot is replaced 10 ms before the
        // heal: the changes run in the quiet phase and must finish.
        List<FaultEvent> events = List.of(
                new FaultEvent(4_000, 2_000, new io.raftsim.workload.nemesis.Faults.Kill(2)),
                new FaultEvent(4_500, 3_000, new ReplaceNode(2, false, false)),
                new FaultEvent(healMs - 10, 0, new ReplaceNode(3, false, true)));
        Played run = play(cfg, events);
        RunSummary s = run.outcome().summary();
        assertThat(s.verdict())
                .as("%s; schedule %s on %s", s.failure(), events, cfg.reproCommand())
                .isEqualTo(Verdict.VALID);
        Cluster c = run.cluster();
        assertThat(c.restarts())
                .as("no restart: the kill's undo found another machine in slot 2")
                .isZero();
        assertThat(c.process(2).index()).isEqualTo(5);
        assertThat(c.process(3).index()).isEqualTo(6);
        assertThat(c.processById(2).retired()).isTrue();
        assertThat(c.processById(3).retired())
                .as("decommissioned once out of the configuration")
                .isTrue();
        assertThat(c.process(c.leader()).node().listPeers())
                .containsExactly(PeerId.of("n0"), PeerId.of("n1"), PeerId.of("n4"), PeerId.of("n5"), PeerId.of("n6"));
        assertThat(s.membershipChanges()).isEqualTo(3L);
    }

    @Test
    void aSecondReplacementWhileOneIsInFlightIsSkippedAndCounted() {
        RunConfig cfg = cfg(12);
        // The second starts 1 ms after the first: the new node cannot have caught up yet.
        List<FaultEvent> events = List.of(
                new FaultEvent(FOLLOWER_AT_MS, 3_000, new ReplaceNode(1, true, false)),
                new FaultEvent(FOLLOWER_AT_MS + 1, 3_000, new ReplaceNode(3, true, false)));
        Played run = play(cfg, events);
        RunSummary s = run.outcome().summary();
        assertThat(s.verdict()).as("%s; %s", s.failure(), cfg.reproCommand()).isEqualTo(Verdict.VALID);
        assertThat(s.faults()).containsEntry("replace-node", 1L);
        assertThat(s.faultsSkipped()).containsEntry("replace-node", 1L);
        assertThat(run.cluster().process(1).index()).isEqualTo(5);
        assertThat(run.cluster().process(3).index()).as("slot 3 kept its node").isEqualTo(3);
        assertThat(run.cluster().processById(6).status())
                .as("the unused spare never started")
                .isEqualTo(io.raftsim.harness.cluster.ProcessStatus.DOWN);
    }
}
