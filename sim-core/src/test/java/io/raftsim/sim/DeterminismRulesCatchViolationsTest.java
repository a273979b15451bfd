package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The determinism rules must fail on code that breaks them, or they prove nothing. */
class DeterminismRulesCatchViolationsTest {
    static final class UsesWallClock {
        long now() {
            return System.currentTimeMillis() + java.time.Instant.now().getNano();
        }
    }

    static final class UsesThreads {
        void go() {
            Executors.newSingleThreadExecutor().submit(() -> {});
            new Thread(() -> {}).start();
        }
    }

    static final class UsesUnseededRandomness {
        double draw() {
            return Math.random()
                    + new java.util.Random().nextInt()
                    + UUID.randomUUID().hashCode();
        }
    }

    static final class UsesParallelStreams {
        long count(java.util.List<String> l) {
            return l.parallelStream().count();
        }
    }

    static final class JdkAdapterMayUseWallClock {
        long now() {
            return System.nanoTime();
        }
    }

    private static boolean violates(ArchRule rule, Class<?> c) {
        JavaClasses classes = new ClassFileImporter().importClasses(c);
        return rule.allowEmptyShould(true).evaluate(classes).hasViolation();
    }

    @Test
    void eachRuleCatchesItsViolation() {
        assertThat(violates(DeterminismArchTest.noWallClock, UsesWallClock.class))
                .isTrue();
        assertThat(violates(DeterminismArchTest.noThreads, UsesThreads.class)).isTrue();
        assertThat(violates(DeterminismArchTest.noUnseededRandomness, UsesUnseededRandomness.class))
                .isTrue();
        assertThat(violates(DeterminismArchTest.noParallelStreams, UsesParallelStreams.class))
                .isTrue();
    }

    @Test
    void cleanCodeAndJdkAdaptersPass() {
        assertThat(violates(DeterminismArchTest.noWallClock, Simulation.class)).isFalse();
        assertThat(violates(DeterminismArchTest.noWallClock, JdkAdapterMayUseWallClock.class))
                .isFalse();
        assertThat(violates(DeterminismArchTest.noThreads, NodeClock.class)).isFalse();
    }
}
