package io.raftsim.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 2: same seed + same code => same trace hash, in this JVM and in a fresh one;
 * another seed => another hash. The scenario has network, disk and clock faults all switched on.
 */
class WorldDeterminismTest {
    private static final long SEED = 20_261_122L;

    @Test
    void sameSeedGivesTheSameTraceTwiceInOneJvmAndInAFreshJvm() throws Exception {
        String first = new WorldScenario(SEED).run();
        String second = new WorldScenario(SEED).run();
        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotContain("crashes=0").doesNotContain("delivered=0 ");
        String fresh = runInFreshJvm(SEED);
        assertThat(fresh)
                .as("fresh JVM: java -cp <test classpath> %s %d", WorldScenario.class.getName(), SEED)
                .isEqualTo(first);
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        String a = new WorldScenario(1).run();
        String b = new WorldScenario(2).run();
        assertThat(a.substring(0, 32)).isNotEqualTo(b.substring(0, 32));
    }

    private static String runInFreshJvm(long seed) throws IOException, InterruptedException {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(javaBin, "-cp", cp, WorldScenario.class.getName(), Long.toString(seed)))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("fresh JVM did not finish");
        }
        assertThat(p.exitValue()).as("fresh JVM output: %s", out).isZero();
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }
}
