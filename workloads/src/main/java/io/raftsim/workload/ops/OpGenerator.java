package io.raftsim.workload.ops;

import io.raftsim.workload.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/** Draws a seeded list of operations: the op list a run consumes, and shrinking edits. */
public final class OpGenerator {
    private OpGenerator() {}

    public static List<OpSpec> generate(long seed, OpMix mix, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("op count must be >= 0, got " + count);
        }
        SplitMix64 r = new SplitMix64(SplitMix64.derive(seed, "ops"));
        List<OpSpec> out = new ArrayList<>(count);
        int total = mix.readWeight() + mix.writeWeight() + mix.casWeight();
        for (int i = 0; i < count; i++) {
            int key = key(r, mix);
            long think = mix.meanThinkMs() == 0 ? 0 : (long) (-Math.log(1 - r.nextDouble()) * mix.meanThinkMs());
            int pick = r.nextInt(total);
            OpSpec op;
            if (pick < mix.readWeight()) {
                op = OpSpec.read(key, think);
            } else if (pick < mix.readWeight() + mix.writeWeight()) {
                op = OpSpec.write(key, r.nextInt(mix.valueRange()), think);
            } else {
                op = OpSpec.cas(key, r.nextInt(mix.valueRange()), r.nextInt(mix.valueRange()), think);
            }
            out.add(op);
        }
        return out;
    }

    private static int key(SplitMix64 r, OpMix mix) {
        if (mix.keys() == 1) {
            return 0;
        }
        return switch (mix.distribution()) {
            case UNIFORM -> r.nextInt(mix.keys());
            case HOT_KEY -> r.chance(0.5) ? 0 : 1 + r.nextInt(mix.keys() - 1);
        };
    }
}
