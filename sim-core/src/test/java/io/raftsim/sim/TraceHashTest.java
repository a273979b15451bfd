package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceHashTest {
    private static String run(long seed, int perturbAt) {
        Simulation sim = new Simulation(seed);
        RandomStream rnd = sim.random("load");
        for (int i = 0; i < 200; i++) {
            long digest = i == perturbAt ? 12345 : rnd.nextLong();
            sim.schedule(rnd.nextLong(10_000), "msg", i % 5, digest, () -> {});
        }
        sim.runUntil(Long.MAX_VALUE);
        return sim.traceHash().hex();
    }

    @Test
    void sameSeedSameHashDifferentSeedDifferentHash() {
        assertThat(run(1, -1)).isEqualTo(run(1, -1)).hasSize(32);
        assertThat(run(1, -1)).isNotEqualTo(run(2, -1));
    }

    @Test
    void oneDifferentPayloadDigestChangesTheHash() {
        assertThat(run(1, 150)).isNotEqualTo(run(1, -1));
    }

    @Test
    void eachFieldOfAnEventMatters() {
        TraceHash base = new TraceHash();
        base.fold(1, 2, 3, 4);
        for (long[] v : new long[][] {{9, 2, 3, 4}, {1, 9, 3, 4}, {1, 2, 9, 4}, {1, 2, 3, 9}}) {
            TraceHash other = new TraceHash();
            other.fold(v[0], (int) v[1], (int) v[2], v[3]);
            assertThat(other.hex()).isNotEqualTo(base.hex());
        }
        TraceHash ab = new TraceHash();
        ab.fold(1, 1, 1, 1);
        ab.fold(2, 2, 2, 2);
        TraceHash ba = new TraceHash();
        ba.fold(2, 2, 2, 2);
        ba.fold(1, 1, 1, 1);
        assertThat(ab.hex()).isNotEqualTo(ba.hex());
        assertThat(ab.events()).isEqualTo(2);
    }

    @Test
    void hexIsBothLanesAsSixteenZeroPaddedDigitsEach() {
        TraceHash h = new TraceHash();
        for (int i = 0; i < 64; i++) {
            assertThat(h.hex()).hasSize(32).isEqualTo(String.format("%016x%016x", h.high(), h.low()));
            h.fold(i, i * 7, i % 5, i * 31L);
        }
        assertThat(TraceHash.hex16(0x1fL)).isEqualTo("000000000000001f");
        assertThat(TraceHash.hex16(0L)).isEqualTo("0000000000000000");
        assertThat(TraceHash.hex16(-1L)).isEqualTo("ffffffffffffffff");
    }
}
