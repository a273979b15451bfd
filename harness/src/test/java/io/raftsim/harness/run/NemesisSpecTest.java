package io.raftsim.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.nemesis.FaultEvent;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.KnobPins;
import java.util.List;
import org.junit.jupiter.api.Test;

class NemesisSpecTest {
    static RunConfig cfg(long seed, String nemesis) {
        return new RunConfig(
                seed,
                5,
                Workload.KV,
                100,
                60_000,
                NemesisSpec.parse(nemesis),
                ReadMode.LOG,
                5,
                2_000,
                false,
                0,
                0,
                KnobPins.NONE);
    }

    @Test
    void allIsEverythingWithoutTheHeldBackKindsAndKeepsEveryOtherEvent() {
        int sawHeldBack = 0;
        int compared = 0;
        for (long seed = 0; seed < 40; seed++) {
            io.raftsim.workload.nemesis.Schedule everything =
                    RunInput.draw(cfg(seed, "everything")).schedule();
            if (everything.enabledKinds().stream().anyMatch(NemesisSpec.OPT_IN::contains)) {
                // An opt-in kind is left out of all before the draw: that seed's schedules differ.
                continue;
            }
            compared++;
            List<FaultEvent> every = everything.events();
            List<FaultEvent> all = RunInput.draw(cfg(seed, "all")).schedule().events();
            List<FaultEvent> expected = every.stream()
                    .filter(e -> !NemesisSpec.HELD_BACK.containsKey(e.fault().kind()))
                    .toList();
            assertThat(all).as("seed %d", seed).isEqualTo(expected);
            sawHeldBack += every.size() - all.size();
        }
        assertThat(compared).as("seeds whose swarm leaves the opt-in kinds off").isGreaterThan(10);
        if (NemesisSpec.HELD_BACK.isEmpty()) {
            // No known engine gap: all and everything draw the very same schedules.
            assertThat(sawHeldBack).as("nothing held back").isZero();
        } else {
            assertThat(sawHeldBack)
                    .as("held-back kinds do occur under everything")
                    .isGreaterThan(0);
        }
    }

    @Test
    void optInKindsStayOutOfTheSwarmSoThatNoSeedOfAllOrEverythingChanges() {
        assertThat(NemesisSpec.OPT_IN).contains(FaultKind.LEADER_CLOCK_DRIFT);
        for (String swarm : List.of("all", "everything")) {
            assertThat(NemesisSpec.parse(swarm).kinds()).as(swarm).doesNotContainAnyElementsOf(NemesisSpec.OPT_IN);
        }
        // The swarm never draws an opt-in kind, so it draws what it drew before they existed.
        for (long seed = 0; seed < 20; seed++) {
            List<FaultEvent> all = RunInput.draw(cfg(seed, "all")).schedule().events();
            assertThat(all)
                    .as("seed %d", seed)
                    .noneMatch(e -> NemesisSpec.OPT_IN.contains(e.fault().kind()));
        }
        // Named explicitly, an opt-in kind is drawn.
        List<FaultEvent> named =
                RunInput.draw(cfg(3, "leader-clock-drift")).schedule().events();
        assertThat(named).isNotEmpty().allMatch(e -> e.fault().kind() == FaultKind.LEADER_CLOCK_DRIFT);
    }

    @Test
    void membershipRaceIsOptInAndEnabledByName() {
        assertThat(NemesisSpec.OPT_IN).contains(FaultKind.MEMBERSHIP_RACE);
        assertThat(NemesisSpec.parse("all").kinds()).doesNotContainAnyElementsOf(NemesisSpec.OPT_IN);
        assertThat(NemesisSpec.parse("everything").kinds()).doesNotContainAnyElementsOf(NemesisSpec.OPT_IN);
        assertThat(NemesisSpec.parse("membership-race").kinds()).containsExactly(FaultKind.MEMBERSHIP_RACE);
        for (long seed = 0; seed < 40; seed++) {
            assertThat(RunInput.draw(cfg(seed, "all")).schedule().enabledKinds())
                    .as("seed %d", seed)
                    .doesNotContainAnyElementsOf(NemesisSpec.OPT_IN);
        }
    }

    @Test
    void unsupportedKindsAreRefusedAndHeldBackOnesCanBeNamed() {
        assertThatThrownBy(() -> NemesisSpec.parse("meteor")).hasMessageContaining("unknown fault kind");
        assertThat(NemesisSpec.parse("read-error,kill").kinds())
                .containsExactlyInAnyOrder(FaultKind.READ_ERROR, FaultKind.KILL);
        assertThat(NemesisSpec.parse("read-error").dropped()).isEmpty();
        assertThat(NemesisSpec.parse("none").kinds()).isEmpty();
    }
}
