package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * membership-race in schedules: drawn within its documented ranges, never overlapping another
 * partition, membership change or fault that takes nodes down (it cuts a minority off and changes
 * the configuration, on nodes chosen at run time), and invisible to seeds whose swarm leaves it off.
 */
class MembershipRaceScheduleTest {
    private static NemesisConfig config(Set<FaultKind> kinds, boolean swarm) {
        return new NemesisConfig(5, kinds, swarm, 60_000, 15_000, 800);
    }

    @Test
    void drawnRacesStayInRangeAndNeverOverlapConflictingFaults() {
        ScheduleGenerator g = new ScheduleGenerator(config(
                EnumSet.of(
                        FaultKind.MEMBERSHIP_RACE,
                        FaultKind.KILL,
                        FaultKind.ISOLATE,
                        FaultKind.MEMBERSHIP,
                        FaultKind.LINK_LOSS),
                false));
        int races = 0;
        for (long seed = 0; seed < 40; seed++) {
            List<FaultEvent> events = g.generate(seed).events();
            for (FaultEvent r : events) {
                if (!(r.fault() instanceof MembershipRace m)) {
                    continue;
                }
                races++;
                assertThat(m.strandOn()).as("seed %d %s", seed, r).isBetween(1, 2);
                assertThat(m.retryMs()).as("seed %d %s", seed, r).isBetween(1L, 10L);
                assertThat(m.returnAfterMs()).as("seed %d %s", seed, r).isBetween(100L, 1_500L);
                for (FaultEvent e : events) {
                    if (e == r) {
                        continue;
                    }
                    long end = e.fault() instanceof Faults.BitFlip ? Long.MAX_VALUE : e.endMs();
                    boolean overlaps = e.atMs() <= r.endMs() && r.atMs() <= end;
                    boolean conflicts = ScheduleGenerator.takesNodeDown(e.fault())
                            || ScheduleGenerator.isPartition(e.fault())
                            || ScheduleGenerator.isMembership(e.fault());
                    assertThat(overlaps && conflicts)
                            .as("seed %d: %s overlaps %s", seed, r, e)
                            .isFalse();
                }
            }
        }
        assertThat(races).as("membership-race drawn at all").isGreaterThan(5);
    }

    @Test
    void seedsThatLeaveItOffDrawTheScheduleTheyDrewWithoutIt() {
        SwarmCoins.assertSeedsThatLeaveItOffDrawAsWithoutIt(FaultKind.MEMBERSHIP_RACE, kinds -> config(kinds, true));
    }

    @Test
    void raceRoundTripsThroughJsonAndRejectsNonsense() {
        MembershipRace m = new MembershipRace(7, false, 1, false, 3, 40);
        Schedule s = new Schedule(
                5,
                List.of(FaultKind.MEMBERSHIP_RACE),
                EngineKnobs.DEFAULTS,
                List.of(new FaultEvent(1_000, 2_000, m)),
                30_000,
                10_000);
        assertThat(ScheduleCodec.fromJson(ScheduleCodec.toJson(s))).isEqualTo(s);
        assertThat(m.kind()).isEqualTo(FaultKind.MEMBERSHIP_RACE);
        assertThat(FaultKind.fromCliName("membership-race")).isEqualTo(FaultKind.MEMBERSHIP_RACE);
        assertThatThrownBy(() -> new MembershipRace(7, false, 0, false, 3, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strandOn");
        assertThatThrownBy(() -> new MembershipRace(7, false, 1, false, 0, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryMs");
    }
}
