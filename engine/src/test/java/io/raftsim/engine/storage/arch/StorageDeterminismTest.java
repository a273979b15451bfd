package io.raftsim.engine.storage.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage packages and the in-memory file system run on the simulated path, so they must be
 * deterministic (BRIEF: no wall clock, no threads, no unseeded randomness). Only {@code
 * runtime.jdk} may touch the real world, and it is not in scope here.
 */
class StorageDeterminismTest {
    private static final String[] PACKAGES = {
        "io.raftsim.engine.storage.log..",
        "io.raftsim.engine.storage.meta..",
        "io.raftsim.engine.storage.snapshot..",
        "io.raftsim.engine.spi.fs.memory.."
    };

    private static JavaClasses classes;

    private static boolean resolvedFromClassPath;

    @BeforeAll
    static void importClasses() {
        // Resolving every referenced JDK class from the class path makes the import take many
        // seconds; the rules below match JDK types by name, so they do not need it. The global
        // setting is restored afterwards for other ArchUnit tests in the same JVM.
        resolvedFromClassPath = ArchConfiguration.get().resolveMissingDependenciesFromClassPath();
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                        "io.raftsim.engine.storage.log",
                        "io.raftsim.engine.storage.meta",
                        "io.raftsim.engine.storage.snapshot",
                        "io.raftsim.engine.spi.fs.memory");
    }

    @AfterAll
    static void restore() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(resolvedFromClassPath);
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void noWallClock() {
        check(noClasses()
                .that()
                .resideInAnyPackage(PACKAGES)
                .should()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Clock.class));
    }

    @Test
    void noThreads() {
        check(noClasses()
                .that()
                .resideInAnyPackage(PACKAGES)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Thread.class.getName())
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.util.concurrent.."));
    }

    @Test
    void noUnseededRandomness() {
        check(noClasses()
                .that()
                .resideInAnyPackage(PACKAGES)
                .should()
                .callMethod(Math.class, "random")
                .orShould()
                .callConstructor(Random.class)
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(SecureRandom.class));
    }

    @Test
    void noParallelStreams() {
        check(noClasses()
                .that()
                .resideInAnyPackage(PACKAGES)
                .should()
                .callMethod(java.util.Collection.class, "parallelStream"));
    }
}
