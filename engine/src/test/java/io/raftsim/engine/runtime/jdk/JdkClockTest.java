package io.raftsim.engine.runtime.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.spi.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JdkClockTest {
    /** A hang guard only; the assertions are about order, never about elapsed time. */
    private static final long GUARD_SECONDS = 30;

    @Test
    void timersRunInDeadlineOrderTiesInSchedulingOrderAllOnOneThread() throws Exception {
        try (JdkClock clock = new JdkClock("t1")) {
            List<String> order = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(6);
            CountDownLatch scheduled = new CountDownLatch(1);
            // schedule from the loop itself so that all deadlines are measured from one instant
            clock.execute(() -> {
                for (String[] t : new String[][] {{"c", "30"}, {"a", "10"}, {"b1", "20"}, {"b2", "20"}, {"b3", "20"}}) {
                    clock.schedule(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(t[1])), () -> {
                        order.add(t[0]);
                        threads.add(Thread.currentThread());
                        done.countDown();
                    });
                }
                clock.execute(() -> {
                    order.add("now");
                    threads.add(Thread.currentThread());
                    done.countDown();
                });
                scheduled.countDown();
            });
            assertThat(scheduled.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(done.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("now", "a", "b1", "b2", "b3", "c");
            assertThat(threads).allMatch(t -> t == threads.get(0));
            assertThat(threads.get(0).getName()).isEqualTo("raft-loop-t1");
        }
    }

    @Test
    void cancelledTimersNeverRun() throws Exception {
        try (JdkClock clock = new JdkClock("t2")) {
            List<String> ran = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            clock.execute(() -> {
                Cancellable c = clock.schedule(TimeUnit.MILLISECONDS.toNanos(5), () -> ran.add("cancelled"));
                clock.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> {
                    ran.add("kept");
                    done.countDown();
                });
                c.cancel();
            });
            assertThat(done.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("kept");
        }
    }

    @Test
    void aThrowingTaskIsReportedAndTheLoopKeepsRunning() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (JdkClock clock = new JdkClock("t3", failure::set)) {
            CountDownLatch after = new CountDownLatch(1);
            clock.execute(() -> {
                throw new IllegalStateException("boom");
            });
            clock.execute(after::countDown);
            assertThat(after.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        }
    }

    @Test
    void nowIsMonotonic() {
        try (JdkClock clock = new JdkClock("t4")) {
            long a = clock.nowNanos();
            long b = clock.nowNanos();
            assertThat(b).isGreaterThanOrEqualTo(a);
            assertThat(a).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void seededRandomSourcesRepeatAndStayInBounds() {
        JdkRandomSource a = JdkRandomSource.seeded(42);
        JdkRandomSource b = JdkRandomSource.seeded(42);
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong(150);
            assertThat(x).isEqualTo(b.nextLong(150)).isBetween(0L, 149L);
        }
        JdkRandomSource secure = JdkRandomSource.secure();
        assertThat(secure.nextLong(10)).isBetween(0L, 9L);
    }
}
