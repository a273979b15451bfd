package io.raftsim.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Histories are read and written inside the deterministic simulation: no wall clock, no threads, no
 * unseeded randomness outside real-world adapters in {@code ..jdk..} packages (the same rule the
 * checkers module enforces on itself).
 */
class DeterminismArchTest {
    private static final JavaClasses HISTORIES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.raftsim.history");

    /** Calls that read the clock or draw unseeded randomness, as owner#method. */
    private static final List<String> FORBIDDEN_CALLS = List.of(
            "java.lang.System#nanoTime",
            "java.lang.System#currentTimeMillis",
            "java.time.Instant#now",
            "java.time.LocalDateTime#now",
            "java.time.LocalDate#now",
            "java.time.LocalTime#now",
            "java.time.ZonedDateTime#now",
            "java.time.OffsetDateTime#now",
            "java.time.Clock#systemUTC",
            "java.time.Clock#systemDefaultZone",
            "java.lang.Math#random",
            "java.lang.StrictMath#random",
            "java.util.UUID#randomUUID");

    private static final DescribedPredicate<JavaAccess<?>> NONDETERMINISTIC_CALL =
            new DescribedPredicate<>(
                    "a wall-clock or random call " + FORBIDDEN_CALLS + " or parallelStream() on any collection") {
                @Override
                public boolean test(JavaAccess<?> a) {
                    // Any owner: a parallel stream runs on the common fork-join pool's threads.
                    return a.getTarget().getName().equals("parallelStream")
                            || FORBIDDEN_CALLS.contains(a.getTargetOwner().getName() + "#"
                                    + a.getTarget().getName());
                }
            };

    private static final DescribedPredicate<JavaAccess<?>> UNSEEDED_RANDOM =
            new DescribedPredicate<>("new Random() without a seed") {
                @Override
                public boolean test(JavaAccess<?> a) {
                    return a.getTargetOwner().isAssignableTo(java.util.Random.class)
                            && a.getTarget().getName().equals("<init>")
                            && a.getTarget()
                                    instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget t
                            && t.getRawParameterTypes().isEmpty();
                }
            };

    private static final DescribedPredicate<JavaClass> THREADS =
            new DescribedPredicate<>(
                    "threads, executors or thread-local randomness (java.lang.Thread, java.util.concurrent executors)") {
                @Override
                public boolean test(JavaClass c) {
                    return c.isAssignableTo(Thread.class)
                            || c.isAssignableTo(Executor.class)
                            || List.of(
                                            "java.util.concurrent.Executors",
                                            "java.util.concurrent.CompletableFuture",
                                            "java.util.concurrent.ThreadLocalRandom",
                                            "java.security.SecureRandom")
                                    .contains(c.getName());
                }
            };

    private static ArchRule rule() {
        return noClasses()
                .that()
                .resideInAPackage("io.raftsim.history..")
                .and()
                .resideOutsideOfPackage("..jdk..")
                .should()
                .accessTargetWhere(NONDETERMINISTIC_CALL)
                .orShould()
                .accessTargetWhere(UNSEEDED_RANDOM)
                .orShould()
                .dependOnClassesThat(THREADS)
                .because(
                        "the simulation harness reads and writes histories deterministically: only Real*/Jdk* adapters in"
                                + " a jdk package may touch the wall clock, threads or unseeded randomness");
    }

    @Test
    void historiesNeverTouchClockThreadsOrRandomness() {
        rule().check(HISTORIES);
    }
}
