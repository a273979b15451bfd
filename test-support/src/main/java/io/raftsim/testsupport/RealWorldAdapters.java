package io.raftsim.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * How modules name the classes that may touch the real world (BRIEF: a {@code Real} or {@code Jdk}
 * class name, or a {@code jdk} package). Each module picks the exemptions it grants in its own
 * determinism test, so a reader sees there exactly which of its classes are not checked.
 */
public final class RealWorldAdapters {
    private RealWorldAdapters() {}

    /** Classes in a package with a {@code jdk} segment ({@code io.raftsim.sim.jdk}, {@code ...runtime.jdk}). */
    public static DescribedPredicate<JavaClass> inJdkPackage() {
        return inPackage("..jdk..");
    }

    /** Classes in packages matching an ArchUnit pattern, e.g. {@code "..runtime.jdk.."}. */
    public static DescribedPredicate<JavaClass> inPackage(String packagePattern) {
        return JavaClass.Predicates.resideInAPackage(packagePattern);
    }

    /** Classes whose simple name contains {@code Jdk} or {@code Real} (JdkClock, RealTicker). */
    public static DescribedPredicate<JavaClass> namedJdkOrReal() {
        return DescribedPredicate.describe(
                "named Jdk* or Real*",
                c -> c.getSimpleName().contains("Jdk") || c.getSimpleName().contains("Real"));
    }

    /** The usual exemption: a jdk package, or a Jdk/Real class name. */
    public static DescribedPredicate<JavaClass> inJdkPackageOrNamedJdkOrReal() {
        return inJdkPackage().or(namedJdkOrReal());
    }

    /** The classes a module checks: those it imported, minus its exemptions. */
    public static DescribedPredicate<JavaClass> allExcept(DescribedPredicate<? super JavaClass> exempt) {
        return DescribedPredicate.describe("classes except " + exempt.getDescription(), c -> !exempt.test(c));
    }
}
