package io.raftsim.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.raftsim.testsupport.ArchChecks;
import io.raftsim.testsupport.DeterminismRules;
import io.raftsim.testsupport.RealWorldAdapters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Determinism is enforced, not reviewed (DESIGN.md section 2), by the shared rules of test-support:
 * outside the JDK runtime the engine never reads the wall clock, never starts threads or executors,
 * never draws unseeded randomness; its core and node iterate in a stable order; and it never depends
 * on the simulator.
 */
class DeterminismArchTest {
    private static final JavaClasses ENGINE = ArchChecks.mainClassesIn("io.raftsim.engine");

    /**
     * The storage code and the in-memory file system run on the simulated path against a hostile
     * disk: no class there is exempt, whatever its name.
     */
    private static final DescribedPredicate<JavaClass> STORAGE = resideInAnyPackage(
            "io.raftsim.engine.storage.log..",
            "io.raftsim.engine.storage.meta..",
            "io.raftsim.engine.storage.snapshot..",
            "io.raftsim.engine.spi.fs.memory..");

    /** Exempt: the JDK runtime package, and classes named Jdk/Real outside the storage packages. */
    private static final DescribedPredicate<JavaClass> EXEMPT = RealWorldAdapters.inPackage("..runtime.jdk..")
            .or(RealWorldAdapters.namedJdkOrReal().and(not(STORAGE)));

    @TestFactory
    Stream<DynamicTest> engineIsDeterministic() {
        return ArchChecks.each(DeterminismRules.forClassesThat(RealWorldAdapters.allExcept(EXEMPT)), ENGINE);
    }

    @Test
    void coreAndNodeNeverIterateInHashOrder() {
        DeterminismRules.noHashOrderedCollections(resideInAnyPackage("..engine.core..", "..engine.node.."))
                .check(ENGINE);
    }

    @Test
    void engineDoesNotDependOnTheSimulator() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.raftsim.sim..")
                .because("the engine must run outside the simulator, through its own SPIs only")
                .check(ENGINE);
    }
}
