package io.raftsim.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexDigitsTest {
    @Test
    void writesExactlyWhatFormatWrites() {
        long[] edges = {0, 1, 9, 10, 99, 100, 12345, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1, -42, Long.MIN_VALUE};
        for (long v : edges) {
            assertThat(IndexDigits.of(v)).as("index %d", v).isEqualTo(String.format("%020d", v));
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = rnd.nextLong() >>> rnd.nextInt(64);
            assertThat(IndexDigits.of(v)).as("index %d", v).isEqualTo(String.format("%020d", v));
        }
    }
}
