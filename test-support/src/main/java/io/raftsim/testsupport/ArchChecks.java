package io.raftsim.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Importing a module's production classes and turning rules into one JUnit test each. */
public final class ArchChecks {
    private ArchChecks() {}

    /** The production classes (no tests) in these packages and their subpackages. */
    public static JavaClasses mainClassesIn(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }

    /**
     * The four determinism rules as one test each, over the production classes in {@code packages}
     * except those the calling module exempts.
     */
    public static Stream<DynamicTest> determinism(DescribedPredicate<? super JavaClass> exempt, String... packages) {
        return each(DeterminismRules.forClassesThat(RealWorldAdapters.allExcept(exempt)), mainClassesIn(packages));
    }

    /** One dynamic test per rule, named after it, each checking the rule against {@code classes}. */
    public static Stream<DynamicTest> each(List<NamedRule> rules, JavaClasses classes) {
        return rules.stream()
                .map(r -> DynamicTest.dynamicTest(r.name(), () -> r.rule().check(classes)));
    }
}
