package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScheduleGeneratorTest {
    static NemesisConfig config(Set<FaultKind> kinds, boolean swarm) {
        return new NemesisConfig(5, kinds, swarm, 60_000, 15_000, 800);
    }

    @Test
    void sameSeedSameScheduleDifferentSeedsDiffer() {
        ScheduleGenerator g = new ScheduleGenerator(config(NemesisConfig.allKinds(), true));
        assertThat(g.generate(42)).isEqualTo(g.generate(42));
        Set<String> distinct = new TreeSet<>();
        for (long s = 0; s < 20; s++) {
            distinct.add(ScheduleCodec.toJson(g.generate(s)));
        }
        assertThat(distinct).hasSize(20);
    }

    @Test
    void swarmEnablesVaryingSubsetsAndOnlyThoseKindsAppear() {
        ScheduleGenerator g = new ScheduleGenerator(config(NemesisConfig.allKinds(), true));
        Set<Set<FaultKind>> subsets = new java.util.HashSet<>();
        for (long s = 0; s < 50; s++) {
            Schedule sch = g.generate(s);
            assertThat(sch.enabledKinds()).isNotEmpty();
            subsets.add(EnumSet.copyOf(sch.enabledKinds()));
            for (FaultEvent e : sch.events()) {
                assertThat(sch.enabledKinds())
                        .as("seed %d event %s", s, e)
                        .contains(e.fault().kind());
            }
        }
        assertThat(subsets.size()).isGreaterThan(40);
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void eachKindAloneIsGenerated(FaultKind kind) {
        Schedule s = new ScheduleGenerator(config(EnumSet.of(kind), true)).generate(7);
        assertThat(s.enabledKinds()).containsExactly(kind);
        assertThat(s.events()).isNotEmpty().allMatch(e -> e.fault().kind() == kind);
    }

    @Test
    void faultsStayWithinWhatRaftSurvivesAndEndBeforeTheHeal() {
        for (int n : new int[] {3, 5, 7}) {
            ScheduleGenerator g =
                    new ScheduleGenerator(new NemesisConfig(n, NemesisConfig.allKinds(), false, 60_000, 15_000, 300));
            for (long seed = 0; seed < 30; seed++) {
                Schedule s = g.generate(seed);
                List<FaultEvent> events = s.events();
                for (FaultEvent e : events) {
                    assertThat(e.endMs()).as("seed %d %s", seed, e).isLessThanOrEqualTo(s.healAtMs());
                }
                // Sample every 50 ms: down nodes <= minority, at most one partition.
                for (long t = 0; t < s.healAtMs(); t += 50) {
                    Set<Integer> down = new TreeSet<>();
                    int partitions = 0;
                    int powerLosses = 0;
                    int otherDownFaults = 0;
                    for (FaultEvent e : events) {
                        long end = e.fault() instanceof Faults.BitFlip ? Long.MAX_VALUE : e.endMs();
                        if (e.atMs() <= t && t < end) {
                            if (e.fault() instanceof Faults.PowerLoss) {
                                powerLosses++;
                                assertThat(e.fault().nodes().size()).isGreaterThan(n / 2);
                            } else if (ScheduleGenerator.takesNodeDown(e.fault())) {
                                otherDownFaults++;
                                down.addAll(e.fault().nodes());
                            }
                            if (ScheduleGenerator.isPartition(e.fault())) {
                                partitions++;
                            }
                        }
                    }
                    assertThat(down.size())
                            .as("n=%d seed %d t=%d down %s", n, seed, t, down)
                            .isLessThanOrEqualTo((n - 1) / 2);
                    assertThat(partitions).as("n=%d seed %d t=%d", n, seed, t).isLessThanOrEqualTo(1);
                    if (powerLosses > 0) {
                        // Bit-flipped nodes stay counted as down forever; nothing else overlaps.
                        assertThat(powerLosses + otherDownFaults - bitFlipsBefore(events, t))
                                .as("n=%d seed %d t=%d", n, seed, t)
                                .isEqualTo(1);
                    }
                }
                List<Integer> flipped = new ArrayList<>();
                events.stream()
                        .filter(e -> e.fault() instanceof Faults.BitFlip)
                        .forEach(e -> flipped.addAll(e.fault().nodes()));
                assertThat(new TreeSet<>(flipped).size())
                        .as("bit flips on one node only, seed %d", seed)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void leaderChurnNeverOverlapsAnotherFaultThatTakesNodesDown() {
        // Its victims are chosen at run time (up to a minority), so it reserves the whole budget.
        ScheduleGenerator g =
                new ScheduleGenerator(new NemesisConfig(5, NemesisConfig.allKinds(), false, 60_000, 15_000, 200));
        int churns = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<FaultEvent> events = g.generate(seed).events();
            for (FaultEvent c : events) {
                if (!(c.fault() instanceof LeaderChurn)) {
                    continue;
                }
                churns++;
                for (FaultEvent e : events) {
                    long end = e.fault() instanceof Faults.BitFlip ? Long.MAX_VALUE : e.endMs();
                    boolean overlaps = e.atMs() <= c.endMs() && c.atMs() <= end;
                    assertThat(e == c || !overlaps || !ScheduleGenerator.takesNodeDown(e.fault()))
                            .as("seed %d: %s overlaps %s", seed, c, e)
                            .isTrue();
                }
            }
        }
        assertThat(churns).as("leader-churn drawn at all").isGreaterThan(0);
    }

    @Test
    void membershipChangesNeverOverlap() {
        for (int n : new int[] {3, 5}) {
            ScheduleGenerator g = new ScheduleGenerator(new NemesisConfig(
                    n,
                    EnumSet.of(FaultKind.REPLACE_NODE, FaultKind.MEMBERSHIP, FaultKind.KILL),
                    false,
                    60_000,
                    15_000,
                    300));
            int replaces = 0;
            for (long seed = 0; seed < 30; seed++) {
                List<FaultEvent> membership = g.generate(seed).events().stream()
                        .filter(e -> ScheduleGenerator.isMembership(e.fault()))
                        .toList();
                for (int i = 1; i < membership.size(); i++) {
                    assertThat(membership.get(i).atMs())
                            .as("n=%d seed %d: %s overlaps %s", n, seed, membership.get(i), membership.get(i - 1))
                            .isGreaterThan(membership.get(i - 1).endMs());
                }
                for (FaultEvent e : membership) {
                    if (e.fault() instanceof Faults.ReplaceNode r) {
                        replaces++;
                        if (n < 3) {
                            assertThat(r.crashed())
                                    .as("n=%d seed %d %s", n, seed, e)
                                    .isFalse();
                        }
                    }
                }
            }
            assertThat(replaces).as("n=%d", n).isGreaterThan(0);
        }
    }

    @Test
    void seedsThatLeaveReplaceNodeOffDrawTheScheduleTheyDrewWithoutIt() {
        SwarmCoins.assertSeedsThatLeaveItOffDrawAsWithoutIt(FaultKind.REPLACE_NODE, kinds -> config(kinds, true));
    }

    static int bitFlipsBefore(List<FaultEvent> events, long t) {
        int c = 0;
        for (FaultEvent e : events) {
            if (e.fault() instanceof Faults.BitFlip && e.atMs() <= t && t >= e.endMs()) {
                c++;
            }
        }
        return c;
    }

    @Test
    void noKindsMeansNoFaults() {
        Schedule s = new ScheduleGenerator(config(EnumSet.noneOf(FaultKind.class), true)).generate(3);
        assertThat(s.events()).isEmpty();
        assertThat(s.healAtMs()).isEqualTo(45_000);
        assertThat(s.quietMs()).isEqualTo(15_000);
    }

    @Test
    void knobsStayInSafeRanges() {
        for (long seed = 0; seed < 200; seed++) {
            EngineKnobs k = EngineKnobs.draw(new io.raftsim.workload.SplitMix64(seed));
            assertThat(k.heartbeatIntervalMs() * 3).isLessThanOrEqualTo(k.electionTimeoutMs());
            assertThat(k.heartbeatIntervalMs() % 10).isZero();
            assertThat(k.electionTimeoutMs() % 10).isZero();
        }
    }
}
