package io.raftsim.engine.runtime.jdk;

import io.raftsim.engine.spi.RandomSource;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** {@link RandomSource} for the real world: seeded (reproducible) or backed by {@link SecureRandom}. */
public final class JdkRandomSource implements RandomSource {
    private final SplittableRandom seeded;
    private final SecureRandom secure;

    private JdkRandomSource(SplittableRandom seeded, SecureRandom secure) {
        this.seeded = seeded;
        this.secure = secure;
    }

    public static JdkRandomSource seeded(long seed) {
        return new JdkRandomSource(new SplittableRandom(seed), null);
    }

    public static JdkRandomSource secure() {
        return new JdkRandomSource(null, new SecureRandom());
    }

    @Override
    public synchronized long nextLong() {
        return seeded != null ? seeded.nextLong() : secure.nextLong();
    }
}
