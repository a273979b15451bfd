package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The queue against a sorted reference: whatever mix of delays, cancellations and time limits, it
 * pops exactly the (time, seq) minimum. The delays straddle the near/far split, and bursts of
 * near events overflow the sorted ring into the heap.
 */
class NearFarQueueTest {
    private static final Comparator<Timer> ORDER =
            Comparator.comparingLong(Timer::timeNs).thenComparingLong(Timer::seq);
    private static final Runnable NOTHING = () -> {};

    /** A queue entry as {@link Simulation#scheduleAt(long, Timer)} would make it, without queueing it. */
    private static Timer timer(Simulation owner, long timeNs, long seq, String kind) {
        Timer t = new Timer.Action(kind, 0, 0, NOTHING);
        t.place(owner, timeNs, seq);
        return t;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void popsTheSameOrderAsASortedSet(long seed) {
        RandomStream rnd = new RandomStreams(seed).stream("queue-test");
        long bucket = 1_000_000L;
        long span = NearFarQueue.FAR_AFTER_NS;
        long[] delays = {0, 1, bucket - 1, bucket, bucket + 1, 3 * bucket, span - 1, span, span + 1, 5 * span};
        Simulation owner = new Simulation(seed);
        NearFarQueue q = new NearFarQueue();
        TreeSet<Timer> ref = new TreeSet<>(ORDER);
        List<Timer> pending = new ArrayList<>();
        long now = 0;
        long seq = 0;
        int pops = 0;
        for (int step = 0; step < 40_000; step++) {
            int op = rnd.nextInt(10);
            if (op == 9 && rnd.chance(0.05)) {
                for (int i = 0; i < SortedRing.CAPACITY + 20; i++) { // more near events than the ring holds
                    Timer t = timer(owner, now + rnd.nextLong(bucket), seq++, "burst");
                    q.add(t, now);
                    ref.add(t);
                    pending.add(t);
                }
            } else if (op < 5) {
                long delay = rnd.chance(0.5) ? delays[rnd.nextInt(delays.length)] : rnd.nextLong(2 * span);
                Timer t = timer(owner, now + delay, seq++, "e");
                q.add(t, now);
                ref.add(t);
                pending.add(t);
            } else if (op < 6 && !pending.isEmpty()) {
                Timer t = pending.remove(rnd.nextInt(pending.size()));
                if (t.isPending()) {
                    q.remove(t);
                    assertThat(t.isPending()).isFalse();
                    assertThat(ref.remove(t)).isTrue();
                }
            } else if (op < 7) {
                // A time limit: nothing due at or before it may be left behind, nothing after it taken.
                long limit = now + (rnd.chance(0.2) ? 3 * span : rnd.nextLong(2 * bucket));
                Timer t = q.pollNotAfter(limit);
                Timer expected = ref.isEmpty() || ref.first().timeNs > limit ? null : ref.pollFirst();
                assertThat(t)
                        .as("seed %d step %d: poll up to %d", seed, step, limit)
                        .isSameAs(expected);
                now = t == null ? (ref.isEmpty() ? limit : Math.min(limit, ref.first().timeNs)) : t.timeNs;
                pops++;
            } else {
                Timer t = q.pollNotAfter(Long.MAX_VALUE);
                Timer expected = ref.pollFirst();
                assertThat(t).as("seed %d step %d", seed, step).isSameAs(expected);
                if (t != null) {
                    assertThat(t.isPending()).isFalse();
                    now = t.timeNs;
                    pops++;
                }
            }
            assertThat(q.size()).isEqualTo(ref.size());
            if (!ref.isEmpty()) {
                assertThat(q.peekTimeNs()).isEqualTo(ref.first().timeNs);
            }
        }
        while (!ref.isEmpty()) {
            assertThat(q.pollNotAfter(Long.MAX_VALUE)).isSameAs(ref.pollFirst());
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(pops).isGreaterThan(10_000);
    }

    @Test
    void removingATimerTheQueueDoesNotHoldFailsNamingIt() {
        Simulation owner = new Simulation(1);
        NearFarQueue q = new NearFarQueue();
        Timer t = timer(owner, 5, 42, "e");
        assertThatThrownBy(() -> q.remove(t)).hasMessageContaining("timer 42");
    }
}
