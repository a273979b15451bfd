package io.raftsim.workload.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.nemesis.Faults.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCodecTest {
    static Schedule everyFaultOnce() {
        List<Fault> faults = List.of(
                new Kill(0),
                new TornCrash(1),
                new Pause(2),
                new PowerLoss(List.of(0, 2, 4)),
                new LeaderChurn(77, 20, 300),
                new Isolate(3),
                new Halves(List.of(0, 1)),
                new MajorityMinority(List.of(4)),
                new Bridge(2, List.of(0, 1)),
                new Ring(List.of(4, 2, 0, 1, 3)),
                new IsolateLeader(),
                new OneWay(1, 2),
                new LinkLoss(1, 0.25),
                new LinkDuplication(2, 0.5),
                new LinkDelay(3, 400),
                new ClockOffset(0, -300),
                new ClockDrift(1, 500),
                new ClockJump(2, 1_000),
                new FsyncError(3),
                new ReadError(4),
                new BitFlip(0, 123456789L),
                new DiskFull(1),
                new RemoveAndReadd(2),
                new LeaderTransfer(3),
                new ForceSnapshot(4),
                new ReplaceNode(1, true, false),
                new FigureEight(99, 400, 2),
                new LeaderClockDrift(-400),
                new MembershipRace(99, true, 2, true, 5, 120),
                new LeaderIsolationChurn(250, 120),
                new LeaseRace(300, 90, -950));
        List<FaultEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            events.add(new FaultEvent(1_000 + 100L * i, i % 3 == 0 ? 0 : 500, faults.get(i)));
        }
        return new Schedule(5, List.of(FaultKind.values()), EngineKnobs.DEFAULTS, events, 50_000, 10_000);
    }

    @Test
    void everyFaultTypeRoundTripsThroughJson() {
        Schedule s = everyFaultOnce();
        assertThat(s.events()).extracting(e -> e.fault().kind()).containsExactlyInAnyOrder(FaultKind.values());
        String json = ScheduleCodec.toJson(s);
        assertThat(json)
                .contains(
                        "\"type\" : \"one-way\"",
                        "\"type\" : \"isolate-leader\"",
                        "\"type\" : \"replace-node\"",
                        "\"type\" : \"figure-eight\"",
                        "\"tailWaitMs\" : 400",
                        "\"type\" : \"leader-clock-drift\"",
                        "\"driftPpm\" : -400",
                        "\"type\" : \"leader-isolation-churn\"",
                        "\"maxHoldMs\" : 120",
                        "\"crashed\" : true",
                        "\"joint\" : false",
                        "\"type\" : \"membership-race\"",
                        "\"strandOn\" : 2",
                        "\"type\" : \"lease-race\"",
                        "\"driftPpm\" : -950");
        assertThat(ScheduleCodec.fromJson(json)).isEqualTo(s);
    }

    @Test
    void generatedSchedulesRoundTrip() {
        ScheduleGenerator g =
                new ScheduleGenerator(new NemesisConfig(5, NemesisConfig.allKinds(), true, 60_000, 15_000, 1_000));
        for (long seed = 0; seed < 20; seed++) {
            Schedule s = g.generate(seed);
            assertThat(ScheduleCodec.fromJson(ScheduleCodec.toJson(s)))
                    .as("seed %d", seed)
                    .isEqualTo(s);
        }
    }

    @Test
    void replaceNodeRoundTripsInEveryVariantAndRefusesANegativeSlot() {
        for (boolean crashed : new boolean[] {false, true}) {
            for (boolean joint : new boolean[] {false, true}) {
                Schedule s = new Schedule(
                        3,
                        List.of(FaultKind.REPLACE_NODE),
                        EngineKnobs.DEFAULTS,
                        List.of(new FaultEvent(2_000, 3_000, new ReplaceNode(2, crashed, joint))),
                        10_000,
                        5_000);
                assertThat(ScheduleCodec.fromJson(ScheduleCodec.toJson(s))).isEqualTo(s);
            }
        }
        String bad = ScheduleCodec.toJson(everyFaultOnce())
                .replaceFirst("(\"type\" : \"replace-node\",\\s*\"node\" : )1", "$1-1");
        assertThat(bad).contains("-1");
        assertThatThrownBy(() -> ScheduleCodec.fromJson(bad)).hasMessageContaining("replace-node node index");
    }

    @Test
    void malformedInputNamesTheProblem() {
        assertThatThrownBy(() -> ScheduleCodec.fromJson("{\"clusterSize\": 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad schedule");
        String badNode = ScheduleCodec.toJson(everyFaultOnce()).replace("\"clusterSize\" : 5", "\"clusterSize\" : 3");
        assertThatThrownBy(() -> ScheduleCodec.fromJson(badNode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targets node")
                .hasMessageContaining("3 nodes");
        String badType = ScheduleCodec.toJson(everyFaultOnce()).replace("\"kill\"", "\"explode\"");
        assertThatThrownBy(() -> ScheduleCodec.fromJson(badType)).hasMessageContaining("explode");
    }

    @Test
    void partitionShapesBlockTheRightLinks() {
        assertThat(new Isolate(0).blockedLinks(3))
                .containsExactly(new Link(0, 1), new Link(0, 2), new Link(1, 0), new Link(2, 0));
        assertThat(new OneWay(1, 2).blockedLinks(3)).containsExactly(new Link(1, 2));
        // Bridge 2 between {0} and {1}: only 0<->1 is cut.
        assertThat(new Bridge(2, List.of(0)).blockedLinks(3)).containsExactly(new Link(0, 1), new Link(1, 0));
        // Ring 0-1-2-3-4-0: 0 does not hear 2 or 3.
        assertThat(new Ring(List.of(0, 1, 2, 3, 4)).blockedLinks(5))
                .contains(new Link(0, 2), new Link(2, 0), new Link(0, 3))
                .doesNotContain(new Link(0, 1), new Link(0, 4), new Link(4, 0))
                .hasSize(10);
    }
}
