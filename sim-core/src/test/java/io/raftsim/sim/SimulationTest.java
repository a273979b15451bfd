package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void eventsRunInTimeOrderThenInsertionOrder() {
        Simulation sim = new Simulation(1);
        List<String> order = new ArrayList<>();
        sim.schedule(30, "c", 0, 0, () -> order.add("c@" + sim.nowNs()));
        sim.schedule(10, "a1", 0, 0, () -> order.add("a1@" + sim.nowNs()));
        sim.schedule(10, "a2", 0, 0, () -> order.add("a2@" + sim.nowNs()));
        sim.schedule(20, "b", 0, 0, () -> {
            order.add("b@" + sim.nowNs());
            sim.schedule(0, "b-now", 0, 0, () -> order.add("bnow@" + sim.nowNs()));
            sim.schedule(10, "b-later", 0, 0, () -> order.add("blater@" + sim.nowNs()));
        });
        assertThat(sim.runUntil(Long.MAX_VALUE)).isEqualTo(RunResult.QUEUE_EMPTY);
        // b-later (t=30) was inserted after c (t=30), so it runs after c.
        assertThat(order).containsExactly("a1@10", "a2@10", "b@20", "bnow@20", "c@30", "blater@30");
        assertThat(sim.executedEvents()).isEqualTo(6);
    }

    @Test
    void heapMatchesASortedReferenceUnderRandomInsertionsCancellationsAndNestedScheduling() {
        Simulation sim = new Simulation(7);
        RandomStream rnd = sim.random("test");
        List<Timer> all = new ArrayList<>();
        List<Timer> fired = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Timer[] me = new Timer[1];
            me[0] = sim.schedule(rnd.nextLong(1000), "e", 0, i, () -> {
                fired.add(me[0]);
                if (rnd.chance(0.3)) { // schedule more while running, some at "now"
                    Timer[] child = new Timer[1];
                    child[0] = sim.schedule(rnd.nextLong(3), "child", 0, 0, () -> fired.add(child[0]));
                    all.add(child[0]);
                }
                if (rnd.chance(0.2) && !all.isEmpty()) { // cancel a random one, pending or not
                    all.get(rnd.nextInt(all.size())).cancel();
                }
            });
            all.add(me[0]);
        }
        for (int i = 0; i < all.size(); i += 3) {
            assertThat(all.get(i).cancel()).isTrue();
            assertThat(all.get(i).cancel()).isFalse();
        }
        sim.runUntil(Long.MAX_VALUE);
        assertThat(sim.pendingEvents()).isZero();
        assertThat(fired.size()).isGreaterThan(2500);
        for (int i = 1; i < fired.size(); i++) {
            Timer prev = fired.get(i - 1);
            Timer cur = fired.get(i);
            boolean ordered = prev.timeNs() < cur.timeNs() || (prev.timeNs() == cur.timeNs() && prev.seq() < cur.seq());
            assertThat(ordered)
                    .as(
                            "event %d (t=%d seq=%d) after (t=%d seq=%d)",
                            i, cur.timeNs(), cur.seq(), prev.timeNs(), prev.seq())
                    .isTrue();
        }
        assertThat(fired).doesNotHaveDuplicates();
    }

    @Test
    void eventsDueSoonAndLaterInterleaveInTimeThenInsertionOrder() {
        // Events due far ahead wait apart from those due soon; ties between the two must still
        // go by insertion order: "far" was scheduled at t=0 for 200 ms, "near" at 150 ms for the
        // same instant, so "far" runs first.
        Simulation sim = new Simulation(1);
        List<String> order = new ArrayList<>();
        long ms = 1_000_000L;
        sim.schedule(200 * ms, "far", 0, 0, () -> order.add("far@" + sim.nowNs() / ms));
        Timer cancelledFar = sim.schedule(300 * ms, "gone", 0, 0, () -> order.add("gone"));
        sim.schedule(150 * ms, "mid", 0, 0, () -> {
            order.add("mid@" + sim.nowNs() / ms);
            sim.schedule(50 * ms, "near", 0, 0, () -> order.add("near@" + sim.nowNs() / ms));
            sim.schedule(49 * ms, "before", 0, 0, () -> order.add("before@" + sim.nowNs() / ms));
        });
        sim.schedule(1, "soon", 0, 0, () -> order.add("soon@" + sim.nowNs() / ms));
        assertThat(cancelledFar.cancel()).isTrue();
        assertThat(sim.pendingEvents()).isEqualTo(3);
        sim.runUntil(Long.MAX_VALUE);
        assertThat(order).containsExactly("soon@0", "mid@150", "before@199", "far@200", "near@200");
    }

    @Test
    void randomDelaysAcrossTheNearFarSplitRunInTimeThenInsertionOrder() {
        Simulation sim = new Simulation(11);
        RandomStream rnd = sim.random("test");
        List<Timer> all = new ArrayList<>();
        List<Timer> fired = new ArrayList<>();
        long[] delays = {0, 1_000_000L, 99_999_999L, 100_000_000L, 100_000_001L, 250_000_000L, 2_000_000_000L};
        for (int i = 0; i < 3000; i++) {
            Timer[] me = new Timer[1];
            me[0] = sim.schedule(delays[rnd.nextInt(delays.length)], "e", 0, i, () -> {
                fired.add(me[0]);
                if (rnd.chance(0.5)) {
                    Timer[] child = new Timer[1];
                    child[0] = sim.schedule(delays[rnd.nextInt(delays.length)], "c", 0, 0, () -> fired.add(child[0]));
                    all.add(child[0]);
                }
                if (rnd.chance(0.1)) {
                    all.get(rnd.nextInt(all.size())).cancel();
                }
            });
            all.add(me[0]);
        }
        sim.runUntil(Long.MAX_VALUE);
        assertThat(sim.pendingEvents()).isZero();
        assertThat(fired.size()).isGreaterThan(3000);
        for (int i = 1; i < fired.size(); i++) {
            Timer prev = fired.get(i - 1);
            Timer cur = fired.get(i);
            boolean ordered = prev.timeNs() < cur.timeNs() || (prev.timeNs() == cur.timeNs() && prev.seq() < cur.seq());
            assertThat(ordered)
                    .as(
                            "event %d (t=%d seq=%d) after (t=%d seq=%d)",
                            i, cur.timeNs(), cur.seq(), prev.timeNs(), prev.seq())
                    .isTrue();
        }
        assertThat(fired).doesNotHaveDuplicates();
    }

    @Test
    void cancelledTimerNeverRunsAndDoesNotCountOrHash() {
        Simulation a = new Simulation(1);
        Simulation b = new Simulation(1);
        boolean[] ran = {false};
        a.schedule(5, "x", 1, 9, () -> {});
        Timer t = a.schedule(6, "y", 1, 9, () -> ran[0] = true);
        b.schedule(5, "x", 1, 9, () -> {});
        assertThat(t.isPending()).isTrue();
        assertThat(t.cancel()).isTrue();
        assertThat(t.isPending()).isFalse();
        a.runUntil(Long.MAX_VALUE);
        b.runUntil(Long.MAX_VALUE);
        assertThat(ran[0]).isFalse();
        assertThat(a.executedEvents()).isEqualTo(1);
        assertThat(a.traceHash().hex()).isEqualTo(b.traceHash().hex());
    }

    /** An event object of its own that reschedules itself a few times. */
    private static final class Repeating extends Timer {
        private final Simulation sim;
        private final List<String> fired;
        private int left;

        Repeating(Simulation sim, List<String> fired, int times) {
            super("repeat", 3, 77);
            this.sim = sim;
            this.fired = fired;
            this.left = times;
        }

        @Override
        protected void fire() {
            fired.add("r@" + sim.nowNs() + "#" + seq());
            if (--left > 0) {
                sim.scheduleAt(sim.nowNs() + 10, this);
            }
        }
    }

    @Test
    void anEventObjectRunsLikeAnActionAndGetsANewSeqEachTimeItIsScheduled() {
        Simulation sim = new Simulation(1);
        Simulation ref = new Simulation(1);
        List<String> fired = new ArrayList<>();
        List<String> refFired = new ArrayList<>();
        Repeating r = sim.scheduleAt(5, new Repeating(sim, fired, 3));
        sim.schedule(15, "other", 0, 0, () -> fired.add("o@" + sim.nowNs()));
        // The same events as plain actions: the trace hash cannot tell them apart.
        Runnable[] again = new Runnable[1];
        int[] left = {3};
        again[0] = () -> {
            refFired.add("r@" + ref.nowNs());
            if (--left[0] > 0) {
                ref.schedule(10, "repeat", 3, 77, again[0]);
            }
        };
        ref.schedule(5, "repeat", 3, 77, again[0]);
        ref.schedule(15, "other", 0, 0, () -> refFired.add("o@" + ref.nowNs()));
        assertThat(r.isPending()).isTrue();
        assertThatThrownBy(() -> sim.scheduleAt(7, r)).hasMessageContaining("already pending");
        sim.runUntil(Long.MAX_VALUE);
        ref.runUntil(Long.MAX_VALUE);
        // The second firing at 15 was scheduled after "other", so it runs after it.
        assertThat(fired).containsExactly("r@5#0", "o@15", "r@15#2", "r@25#3");
        assertThat(r.isPending()).isFalse();
        assertThat(r.cancel()).isFalse();
        assertThat(sim.traceHash().hex()).isEqualTo(ref.traceHash().hex());
        assertThat(refFired).containsExactly("r@5", "o@15", "r@15", "r@25");
    }

    @Test
    void stepBudgetAndTimeLimitStopTheRunLoop() {
        Simulation sim = new Simulation(1);
        for (int i = 1; i <= 10; i++) {
            sim.schedule(i * 100L, "e", 0, i, () -> {});
        }
        assertThat(sim.run(3, Long.MAX_VALUE)).isEqualTo(RunResult.STEP_BUDGET);
        assertThat(sim.executedEvents()).isEqualTo(3);
        assertThat(sim.nowNs()).isEqualTo(300);
        assertThat(sim.runUntil(550)).isEqualTo(RunResult.TIME_LIMIT);
        assertThat(sim.executedEvents()).isEqualTo(5);
        assertThat(sim.nowNs()).isEqualTo(550);
        assertThat(sim.runFor(10_000)).isEqualTo(RunResult.QUEUE_EMPTY);
        assertThat(sim.executedEvents()).isEqualTo(10);
        assertThat(sim.nowNs()).isEqualTo(10_550);
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Simulation sim = new Simulation(1);
        sim.schedule(1, "a", 0, 0, sim::stop);
        sim.schedule(2, "b", 0, 0, () -> {});
        assertThat(sim.runUntil(Long.MAX_VALUE)).isEqualTo(RunResult.STOPPED);
        assertThat(sim.pendingEvents()).isEqualTo(1);
    }

    @Test
    void schedulingInThePastOrWithNegativeDelayFailsNamingTheField() {
        Simulation sim = new Simulation(1);
        sim.schedule(100, "a", 0, 0, () -> {});
        sim.runUntil(Long.MAX_VALUE);
        assertThatThrownBy(() -> sim.schedule(-1, "x", 0, 0, () -> {})).hasMessageContaining("delayNs");
        assertThatThrownBy(() -> sim.scheduleAt(50, "x", 0, 0, () -> {})).hasMessageContaining("timeNs 50");
    }

    @Test
    void eventLogKeepsTheLastEventsInOrder() {
        Simulation sim = new Simulation(1);
        EventLog log = sim.enableEventLog(3);
        for (int i = 1; i <= 5; i++) {
            sim.schedule(i, "e" + i, i % 2, i, () -> {});
        }
        sim.runUntil(Long.MAX_VALUE);
        assertThat(log.written()).isEqualTo(5);
        assertThat(log.records()).extracting(EventRecord::kind).containsExactly("e3", "e4", "e5");
        assertThat(log.records().get(0).index()).isEqualTo(2);
        assertThat(log.records().get(0).timeNs()).isEqualTo(3);
    }

    @Test
    void eventLogsOfTwoRunsPointAtTheFirstDivergentEvent() {
        List<List<EventRecord>> logs = new ArrayList<>();
        for (long digestOfThird : new long[] {3, 99, 3}) {
            Simulation sim = new Simulation(1);
            EventLog log = sim.enableEventLog(10);
            for (int i = 1; i <= 5; i++) {
                sim.schedule(i, "e", 0, i == 3 ? digestOfThird : i, () -> {});
            }
            sim.runUntil(Long.MAX_VALUE);
            logs.add(log.records());
        }
        assertThat(EventLog.firstDivergence(logs.get(0), logs.get(2))).isEmpty();
        EventLog.Divergence d =
                EventLog.firstDivergence(logs.get(0), logs.get(1)).orElseThrow();
        assertThat(d.position()).isEqualTo(2);
        assertThat(d.left().digest()).isEqualTo(3);
        assertThat(d.right().digest()).isEqualTo(99);
        assertThat(EventLog.firstDivergence(logs.get(0), logs.get(0).subList(0, 4))
                        .orElseThrow()
                        .right())
                .isNull();
    }
}
