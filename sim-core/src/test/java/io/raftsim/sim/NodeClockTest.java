package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeClockTest {
    private static final long MS = 1_000_000L;

    @Test
    void clockWithoutDriftFollowsVirtualTimePlusOffset() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0, 0.0, 5 * MS);
        sim.runUntil(10 * MS);
        assertThat(c.nowNs()).isEqualTo(15 * MS);
    }

    @Test
    void fastClockFiresItsTimerEarlyInVirtualTimeAndSlowClockLate() {
        Simulation sim = new Simulation(1);
        NodeClock fast = new NodeClock(sim, 0, 0.25, 0);
        NodeClock slow = new NodeClock(sim, 1, -0.5, 0);
        NodeClock exact = new NodeClock(sim, 2);
        List<String> fired = new ArrayList<>();
        fast.schedule(100 * MS, "t", 0, () -> fired.add("fast@" + sim.nowNs() + "/local" + fast.nowNs()));
        slow.schedule(100 * MS, "t", 0, () -> fired.add("slow@" + sim.nowNs() + "/local" + slow.nowNs()));
        exact.schedule(100 * MS, "t", 0, () -> fired.add("exact@" + sim.nowNs()));
        sim.runUntil(Long.MAX_VALUE);
        // local = virtual * (1 + drift): 100ms local is 80ms virtual at +25%, 200ms at -50%.
        assertThat(fired)
                .containsExactly(
                        "fast@" + 80 * MS + "/local" + 100 * MS,
                        "exact@" + 100 * MS,
                        "slow@" + 200 * MS + "/local" + 100 * MS);
    }

    @Test
    void driftChangeMovesPendingTimersAndKeepsTheClockContinuous() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0);
        long[] firedAt = {-1};
        LocalTimer t = c.schedule(100 * MS, "election", 0, () -> firedAt[0] = sim.nowNs());
        assertThat(t.virtualFireTimeNs()).isEqualTo(100 * MS);
        sim.runUntil(40 * MS);
        c.setDrift(-0.5); // half speed from virtual 40ms: 60ms of local time left takes 120ms
        assertThat(c.nowNs()).isEqualTo(40 * MS);
        assertThat(t.virtualFireTimeNs()).isEqualTo(160 * MS);
        sim.runUntil(100 * MS);
        assertThat(c.nowNs()).isEqualTo(70 * MS);
        c.setDrift(1.0 / 2); // 30ms local left at 1.5x speed: 20ms virtual
        sim.runUntil(Long.MAX_VALUE);
        assertThat(firedAt[0]).isEqualTo(120 * MS);
        assertThat(c.pendingTimers()).isZero();
    }

    @Test
    void scheduleNowRunsThisInstantAfterWhatIsDueAndNoClockStepMovesIt() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0);
        sim.runUntil(10 * MS);
        List<String> ran = new ArrayList<>();
        c.schedule(0, "timer", 0, () -> ran.add("timer@" + sim.nowNs()));
        Timer handOff = c.scheduleNow(new Timer("hand-off", 0, 0) {
            @Override
            protected void fire() {
                ran.add("hand-off@" + sim.nowNs());
            }
        });
        c.addOffset(-5 * MS); // the clock steps back before either runs
        assertThat(handOff.isPending()).isTrue();
        sim.runUntil(Long.MAX_VALUE);
        // The zero-delay timer waits until local time is back at its deadline; the hand-off runs now.
        assertThat(ran).containsExactly("hand-off@" + 10 * MS, "timer@" + 15 * MS);
    }

    @Test
    void forwardJumpFiresOverdueTimersNowAndBackwardOffsetDelaysThem() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0);
        long[] a = {-1};
        long[] b = {-1};
        c.schedule(50 * MS, "a", 0, () -> a[0] = sim.nowNs());
        c.schedule(200 * MS, "b", 0, () -> b[0] = sim.nowNs());
        sim.runUntil(10 * MS);
        c.jumpTo(100 * MS); // a is overdue, b is 100ms away
        sim.runUntil(20 * MS);
        assertThat(a[0]).isEqualTo(10 * MS);
        c.addOffset(-30 * MS); // local 110 -> 80: b now 120ms away
        sim.runUntil(Long.MAX_VALUE);
        assertThat(b[0]).isEqualTo(140 * MS);
    }

    @Test
    void cancelledLocalTimerDoesNotFireEvenAfterDriftChange() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0);
        boolean[] ran = {false};
        LocalTimer t = c.schedule(10 * MS, "x", 0, () -> ran[0] = true);
        assertThat(t.cancel()).isTrue();
        c.setDrift(0.1);
        sim.runUntil(Long.MAX_VALUE);
        assertThat(ran[0]).isFalse();
        assertThat(t.isPending()).isFalse();
        assertThat(t.cancel()).isFalse();
    }

    @Test
    void aTimerCenturiesAwayNeverFiresAndDoesNotOverflow() {
        Simulation sim = new Simulation(1);
        NodeClock c = new NodeClock(sim, 0, -0.5, 10 * MS);
        boolean[] ran = {false};
        LocalTimer t = c.schedule(Long.MAX_VALUE, "never", 0, () -> ran[0] = true);
        assertThat(t.virtualFireTimeNs()).isEqualTo(Long.MAX_VALUE);
        sim.runUntil(Long.MAX_VALUE - 1);
        assertThat(ran[0]).isFalse();
    }

    @Test
    void anUndriftedClockFindsTheFirstInstantShowingADeadlineAfterOffsetsJumpsAndDriftSpells() {
        // The undrifted fast path must give exactly what the definition says: the earliest virtual
        // instant, not before now, whose local time reaches the deadline. Offsets, jumps and a
        // drift spell (set back to 0) move the anchors; deadlines range from the past to "never".
        Simulation sim = new Simulation(3);
        RandomStream rnd = sim.random("test");
        NodeClock c = new NodeClock(sim, 0, 0.0, 7 * MS);
        long[] fixed = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE, 1L << 52, (1L << 52) + 1};
        for (int round = 0; round < 2000; round++) {
            switch (rnd.nextInt(4)) {
                case 0 -> c.addOffset(rnd.nextLong(200 * MS) - 100 * MS);
                case 1 -> c.jumpTo(c.nowNs() + rnd.nextLong(50 * MS) - 25 * MS);
                case 2 -> {
                    c.setDrift(rnd.chance(0.5) ? 1e-3 : -2e-4);
                    sim.schedule(rnd.nextLong(5 * MS), "spell", 0, 0, () -> {});
                    sim.step();
                    c.setDrift(0);
                }
                default -> {
                    sim.schedule(rnd.nextLong(5 * MS), "tick", 0, 0, () -> {});
                    sim.step();
                }
            }
            long now = sim.nowNs();
            long deadline =
                    rnd.chance(0.1) ? fixed[rnd.nextInt(fixed.length)] : c.nowNs() + rnd.nextLong(40 * MS) - 10 * MS;
            long v = c.virtualTimeOf(deadline);
            assertThat(v)
                    .as("round %d: deadline %d, now %d", round, deadline, now)
                    .isGreaterThanOrEqualTo(now);
            if (v != Long.MAX_VALUE) {
                assertThat(c.localAt(v))
                        .as("round %d: local time at %d", round, v)
                        .isGreaterThanOrEqualTo(deadline);
                if (v > now) {
                    assertThat(c.localAt(v - 1))
                            .as("round %d: %d is not the first instant", round, v)
                            .isLessThan(deadline);
                }
            }
            assertThat(c.localAt(now)).isEqualTo(c.nowNs());
        }
    }

    @Test
    void invalidDriftIsRefusedNamingTheField() {
        Simulation sim = new Simulation(1);
        assertThatThrownBy(() -> new NodeClock(sim, 0, 0.9, 0)).hasMessageContaining("drift");
        assertThatThrownBy(() -> new NodeClock(sim, 0, Double.NaN, 0)).hasMessageContaining("drift");
        assertThatThrownBy(() -> new NodeClock(sim, 0).schedule(-1, "x", 0, () -> {}))
                .hasMessageContaining("localDelayNs");
    }
}
