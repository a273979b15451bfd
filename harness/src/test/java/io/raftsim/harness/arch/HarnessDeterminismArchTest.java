package io.raftsim.harness.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md section 2, enforced on the harness side of the simulated path (the cluster, clients,
 * invariants, the run driver and the workloads): nothing reads the wall clock, starts
 * threads, or draws unseeded randomness. Only classes named Real/Jdk or in a {@code jdk} package
 * (real-world adapters, benchmarks' stopwatch) are exempt.
 */
@AnalyzeClasses(
        packages = {
            "io.raftsim.harness.cluster",
            "io.raftsim.harness.client",
            "io.raftsim.harness.invariant",
            "io.raftsim.harness.run",
            "io.raftsim.workload"
        },
        importOptions = ImportOption.DoNotIncludeTests.class)
class HarnessDeterminismArchTest {
    private static final DescribedPredicate<JavaClass> SIMULATED = DescribedPredicate.describe(
            "simulated-path classes",
            c -> !c.getPackageName().contains(".jdk")
                    && !c.getSimpleName().contains("Jdk")
                    && !c.getSimpleName().contains("Real"));

    @ArchTest
    static final ArchRule noWallClock = noClasses()
            .that(SIMULATED)
            .should()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "now() of java.time",
                    call -> call.getTarget().getName().equals("now")
                            && call.getTargetOwner().getPackageName().equals("java.time")))
            .because("virtual time is the only time on the simulated path");

    @ArchTest
    static final ArchRule noThreads = noClasses()
            .that(SIMULATED)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(Thread.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("java.util.concurrent..")
            .because("all simulated activity runs on one thread, driven by one event queue");

    @ArchTest
    static final ArchRule noUnseededRandomness = noClasses()
            .that(SIMULATED)
            .should()
            .callMethod(Math.class, "random")
            .orShould()
            .callConstructorWhere(
                    DescribedPredicate.describe("a java.util.Random constructor", call -> call.getTargetOwner()
                            .isAssignableTo(java.util.Random.class)))
            .orShould()
            .callMethod(java.util.UUID.class, "randomUUID")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(java.security.SecureRandom.class)
            .because("every random draw comes from a named stream of the root seed");

    @ArchTest
    static final ArchRule noParallelStreams = noClasses()
            .that(SIMULATED)
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "Collection.parallelStream()",
                    call -> call.getTarget().getName().equals("parallelStream")
                            && call.getTargetOwner().isAssignableTo(java.util.Collection.class)))
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "BaseStream.parallel()",
                    call -> call.getTarget().getName().equals("parallel")
                            && call.getTargetOwner().isAssignableTo(java.util.stream.BaseStream.class)))
            .because("parallel streams run on the common fork-join pool");
}
