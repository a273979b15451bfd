package io.raftsim.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Determinism is enforced, not reviewed (DESIGN.md section 2): outside the JDK runtime (package
 * {@code runtime.jdk}, or a class named {@code Jdk...}/{@code Real...}) the engine
 * never reads the wall clock, never starts threads or executors, never draws unseeded randomness,
 * and never depends on the simulator.
 */
@AnalyzeClasses(packages = "io.raftsim.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class DeterminismArchTest {
    private static final String JDK_RUNTIME = "..runtime.jdk..";

    private static DescribedPredicate<JavaCall<?>> calls(String owner, Set<String> methods) {
        return new DescribedPredicate<>(owner + "." + methods) {
            @Override
            public boolean test(JavaCall<?> call) {
                return call.getTargetOwner().getName().equals(owner)
                        && methods.contains(call.getTarget().getName());
            }
        };
    }

    /** {@code new Random()} / {@code new SplittableRandom()}: seeded from the clock, not reproducible. */
    private static final DescribedPredicate<JavaCall<?>> UNSEEDED_CONSTRUCTOR =
            new DescribedPredicate<>("an unseeded Random or SplittableRandom constructor") {
                @Override
                public boolean test(JavaCall<?> call) {
                    String owner = call.getTargetOwner().getName();
                    return (owner.equals("java.util.Random") || owner.equals("java.util.SplittableRandom"))
                            && call.getTarget().getRawParameterTypes().isEmpty();
                }
            };

    private static final DescribedPredicate<JavaCall<?>> PARALLEL_STREAM = new DescribedPredicate<>("parallelStream") {
        @Override
        public boolean test(JavaCall<?> call) {
            return call.getTarget().getName().equals("parallelStream")
                    || (call.getTarget().getName().equals("parallel")
                            && call.getTargetOwner().getPackageName().equals("java.util.stream"));
        }
    };

    @ArchTest
    static final ArchRule noWallClock = noClasses()
            .that()
            .resideOutsideOfPackage(JDK_RUNTIME)
            .and()
            .haveSimpleNameNotContaining("Jdk")
            .and()
            .haveSimpleNameNotContaining("Real")
            .should()
            .callMethodWhere(calls("java.lang.System", Set.of("nanoTime", "currentTimeMillis")))
            .orShould()
            .callMethodWhere(calls("java.time.Instant", Set.of("now")))
            .orShould()
            .callMethodWhere(calls("java.time.LocalDateTime", Set.of("now")))
            .orShould()
            .callMethodWhere(calls("java.time.Clock", Set.of("systemUTC", "systemDefaultZone")))
            .because("node-local time comes only from the Clock SPI");

    @ArchTest
    static final ArchRule noThreads = noClasses()
            .that()
            .resideOutsideOfPackage(JDK_RUNTIME)
            .and()
            .haveSimpleNameNotContaining("Jdk")
            .and()
            .haveSimpleNameNotContaining("Real")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    Thread.class,
                    java.util.concurrent.Executor.class,
                    java.util.concurrent.ExecutorService.class,
                    java.util.concurrent.Executors.class,
                    java.util.concurrent.ScheduledExecutorService.class,
                    java.util.concurrent.ForkJoinPool.class,
                    java.util.concurrent.CompletableFuture.class,
                    java.util.Timer.class)
            .because("everything runs on the node's single event loop");

    @ArchTest
    static final ArchRule noUnseededRandomness = noClasses()
            .that()
            .resideOutsideOfPackage(JDK_RUNTIME)
            .and()
            .haveSimpleNameNotContaining("Jdk")
            .and()
            .haveSimpleNameNotContaining("Real")
            .should()
            .callMethodWhere(calls("java.lang.Math", Set.of("random")))
            .orShould()
            .callMethodWhere(calls("java.util.UUID", Set.of("randomUUID")))
            .orShould()
            .callConstructorWhere(UNSEEDED_CONSTRUCTOR)
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(java.util.concurrent.ThreadLocalRandom.class, java.security.SecureRandom.class)
            .because("randomness comes only from the injected, seeded RandomSource");

    @ArchTest
    static final ArchRule noParallelStreams = noClasses()
            .that()
            .resideOutsideOfPackage(JDK_RUNTIME)
            .and()
            .haveSimpleNameNotContaining("Jdk")
            .and()
            .haveSimpleNameNotContaining("Real")
            .should()
            .callMethodWhere(PARALLEL_STREAM)
            .because("parallel streams run on the common fork-join pool");

    @ArchTest
    static final ArchRule noHashOrderedCollectionsInCoreAndNode = noClasses()
            .that()
            .resideInAnyPackage("..engine.core..", "..engine.node..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(java.util.HashMap.class, java.util.HashSet.class, java.util.IdentityHashMap.class)
            .because("iteration order must not depend on hash codes: use TreeMap or LinkedHashMap");

    @ArchTest
    static final ArchRule engineDoesNotDependOnTheSimulator = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.raftsim.sim..")
            .because("the engine must run outside the simulator, through its own SPIs only");
}
