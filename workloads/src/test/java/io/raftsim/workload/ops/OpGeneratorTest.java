package io.raftsim.workload.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpGeneratorTest {
    @Test
    void deterministicPerSeed() {
        assertThat(OpGenerator.generate(5, OpMix.kv(), 300)).isEqualTo(OpGenerator.generate(5, OpMix.kv(), 300));
        assertThat(OpGenerator.generate(5, OpMix.kv(), 300)).isNotEqualTo(OpGenerator.generate(6, OpMix.kv(), 300));
    }

    @Test
    void mixFollowsWeightsAndKeyDistribution() {
        OpMix mix = new OpMix(10, KeyDistribution.HOT_KEY, 2, 1, 1, 5, 10);
        List<OpSpec> ops = OpGenerator.generate(1, mix, 4_000);
        Map<OpKind, Integer> counts = new EnumMap<>(OpKind.class);
        int hot = 0;
        long think = 0;
        for (OpSpec op : ops) {
            counts.merge(op.f(), 1, Integer::sum);
            hot += op.key() == 0 ? 1 : 0;
            think += op.thinkMs();
            assertThat(op.key()).isBetween(0, 9);
            assertThat(op.value()).isBetween(0L, 4L);
        }
        assertThat(counts.get(OpKind.READ)).isBetween(1_800, 2_200);
        assertThat(counts.get(OpKind.WRITE)).isBetween(850, 1_150);
        assertThat(hot).isBetween(1_800, 2_200);
        assertThat(think / ops.size()).isBetween(8L, 12L);
        assertThat(OpGenerator.generate(1, OpMix.register(), 100)).allMatch(o -> o.key() == 0);
    }
}
