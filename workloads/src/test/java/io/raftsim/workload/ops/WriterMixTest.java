package io.raftsim.workload.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.SplitMix64;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WriterMixTest {
    @Test
    void writesCoverTheKeysAndEachWritesAValueOfItsOwnAboveTheWorkloadsRange() {
        WriterMix mix = WriterMix.of(5, 3, 4);
        SplitMix64 r = new SplitMix64(42);
        TreeSet<Integer> keys = new TreeSet<>();
        TreeSet<Long> values = new TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            OpSpec op = mix.nextWrite(r, i);
            assertThat(op.f()).isEqualTo(OpKind.WRITE);
            assertThat(op.thinkMs()).isZero();
            assertThat(op.value()).isEqualTo(4L + i);
            keys.add(op.key());
            values.add(op.value());
        }
        assertThat(keys).containsExactly(0, 1, 2);
        assertThat(values).hasSize(2_000).allMatch(v -> v >= 4);
        assertThatThrownBy(() -> mix.nextWrite(r, -1)).hasMessageContaining("serial");
    }

    @Test
    void pacingStaysWithinItsBounds() {
        WriterMix mix = WriterMix.of(1, 1, 5);
        SplitMix64 r = new SplitMix64(7);
        long thinkMax = 0;
        long backoffMin = Long.MAX_VALUE;
        long backoffMax = 0;
        for (int i = 0; i < 2_000; i++) {
            long think = mix.thinkUs(r);
            assertThat(think).isBetween(0L, WriterMix.DEFAULT_THINK_US_MAX);
            thinkMax = Math.max(thinkMax, think);
            long backoff = mix.backoffUs(r);
            backoffMin = Math.min(backoffMin, backoff);
            backoffMax = Math.max(backoffMax, backoff);
        }
        // Drawn over the whole range, not pinned to one end.
        assertThat(thinkMax).isGreaterThan(WriterMix.DEFAULT_THINK_US_MAX / 2);
        assertThat(backoffMin).isGreaterThanOrEqualTo(WriterMix.DEFAULT_BACKOFF_US_MIN);
        assertThat(backoffMax).isLessThanOrEqualTo(WriterMix.DEFAULT_BACKOFF_US_MAX);
        assertThat(backoffMax - backoffMin)
                .isGreaterThan((WriterMix.DEFAULT_BACKOFF_US_MAX - WriterMix.DEFAULT_BACKOFF_US_MIN) / 2);
    }

    @Test
    void noneHasNoWritersAndBadParametersAreRefused() {
        assertThat(WriterMix.none().writers()).isZero();
        assertThatThrownBy(() -> WriterMix.of(-1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writers >= 0");
        assertThatThrownBy(() -> WriterMix.of(1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valueRange >= 1");
        assertThatThrownBy(() -> new WriterMix(1, 1, 1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resendAfterMs");
        assertThatThrownBy(() -> new WriterMix(1, 1, 1, 0, 5, 4, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backoffUsMin <= backoffUsMax");
    }
}
