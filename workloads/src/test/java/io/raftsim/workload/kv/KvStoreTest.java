package io.raftsim.workload.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.ops.OpKind;
import org.junit.jupiter.api.Test;

class KvStoreTest {
    @Test
    void registersReadWriteCas() {
        KvStore s = new KvStore();
        assertThat(s.apply(new KvCommand(OpKind.READ, 1, 1, 3, 0, 0))).isEqualTo(new KvResult.ReadOk(null));
        assertThat(s.apply(new KvCommand(OpKind.CAS, 1, 2, 3, 9, 0))).isEqualTo(new KvResult.CasFailed(null));
        assertThat(s.apply(new KvCommand(OpKind.WRITE, 1, 3, 3, 4, 0))).isEqualTo(new KvResult.WriteOk());
        assertThat(s.apply(new KvCommand(OpKind.CAS, 1, 4, 3, 7, 4))).isEqualTo(new KvResult.CasOk());
        assertThat(s.apply(new KvCommand(OpKind.CAS, 1, 5, 3, 8, 4))).isEqualTo(new KvResult.CasFailed(7L));
        assertThat(s.apply(new KvCommand(OpKind.READ, 1, 6, 3, 0, 0))).isEqualTo(new KvResult.ReadOk(7L));
        assertThat(s.read(4)).isNull();
    }

    @Test
    void retriedRequestIsAppliedAtMostOnce() {
        KvStore s = new KvStore();
        s.apply(new KvCommand(OpKind.WRITE, 1, 1, 0, 1, 0));
        KvCommand cas = new KvCommand(OpKind.CAS, 7, 1, 0, 2, 1);
        assertThat(s.apply(cas)).isEqualTo(new KvResult.CasOk());
        s.apply(new KvCommand(OpKind.WRITE, 1, 2, 0, 1, 0));
        // The retry of the cas (same client, same seq) must not apply again: the register stays 1.
        assertThat(s.apply(cas)).isEqualTo(new KvResult.CasOk());
        assertThat(s.read(0)).isEqualTo(1L);
        assertThat(s.duplicatesSuppressed()).isEqualTo(1);
        assertThat(s.apply(new KvCommand(OpKind.WRITE, 1, 1, 0, 5, 0))).isEqualTo(new KvResult.Stale(2));
        assertThat(s.read(0)).isEqualTo(1L);
    }

    @Test
    void snapshotRestoresStoreAndSessionsAndCatchesCorruption() {
        KvStore s = new KvStore();
        s.apply(new KvCommand(OpKind.WRITE, 1, 1, 0, 3, 0));
        KvCommand cas = new KvCommand(OpKind.CAS, 2, 1, 5, 4, 3);
        s.apply(cas);
        s.apply(new KvCommand(OpKind.READ, 3, 1, 5, 0, 0));
        byte[] snap = s.snapshot();
        KvStore r = new KvStore();
        r.apply(new KvCommand(OpKind.WRITE, 9, 1, 8, 8, 0));
        r.restore(snap);
        assertThat(r.registers()).isEqualTo(s.registers());
        assertThat(r.sessionCount()).isEqualTo(3);
        // The session table came along: the retried cas returns its cached result and does nothing.
        assertThat(r.apply(cas)).isEqualTo(new KvResult.CasFailed(null));
        assertThat(r.snapshot()).isEqualTo(s.snapshot());
        for (int bit = 0; bit < snap.length * 8; bit += 13) {
            byte[] bad = snap.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            KvStore t = new KvStore();
            assertThatThrownBy(() -> t.restore(bad)).as("bit %d", bit).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void commandEncodingRoundTrips() {
        KvCommand c = new KvCommand(OpKind.CAS, -5, 99, 7, 3, 2);
        assertThat(KvCommand.decode(c.encode())).isEqualTo(c);
        byte[] bad = c.encode();
        bad[0] = 9;
        assertThatThrownBy(() -> KvCommand.decode(bad)).hasMessageContaining("version 9");
        assertThatThrownBy(() -> KvCommand.decode(new byte[3])).hasMessageContaining("got 3");
        // Every field at its extremes and at random, so that a field read at the wrong offset shows.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            KvCommand r = new KvCommand(
                    OpKind.values()[rnd.nextInt(OpKind.values().length)],
                    i == 0 ? Long.MIN_VALUE : rnd.nextLong(),
                    i == 0 ? Long.MAX_VALUE : 1 + rnd.nextLong(Long.MAX_VALUE),
                    i == 0 ? Integer.MAX_VALUE : rnd.nextInt(Integer.MAX_VALUE),
                    i == 0 ? Long.MIN_VALUE : rnd.nextLong(),
                    i == 0 ? Long.MAX_VALUE : rnd.nextLong());
            assertThat(KvCommand.decode(r.encode())).as("command %d", i).isEqualTo(r);
        }
    }
}
