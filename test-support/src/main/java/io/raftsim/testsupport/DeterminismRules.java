package io.raftsim.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DESIGN.md section 2, as ArchUnit rules: the simulated path and the engine never read the wall
 * clock, never start threads or executors, never draw unseeded randomness, never use parallel
 * streams. One definition for every module; each module applies them to its own classes and states
 * there which of them are real-world adapters (see {@link RealWorldAdapters}).
 *
 * <p>Each rule is the union of what the modules used to check separately, so no module checks less
 * than before. Planted violations in this module's tests prove that every clause can fail.
 */
public final class DeterminismRules {
    private DeterminismRules() {}

    /**
     * All six rules: the four {@link #essentials} plus no {@code java.util.concurrent} at all and no
     * {@code java.util.Random} at all. For code that is single-threaded by construction and draws
     * only from the simulation's named random streams (sim modules, engine, histories, harness).
     */
    public static List<NamedRule> forClassesThat(DescribedPredicate<? super JavaClass> scope) {
        List<NamedRule> rules = new ArrayList<>(essentials(scope));
        rules.add(new NamedRule("no java.util.concurrent", noConcurrencyUtilities(scope)));
        rules.add(new NamedRule("no java.util.Random", noJavaUtilRandom(scope)));
        return List.copyOf(rules);
    }

    /**
     * The four rules every module obeys: no wall clock, no threads or executors, no unseeded
     * randomness, no parallel streams. Alone, they allow atomics and a seeded {@code java.util.Random}.
     */
    public static List<NamedRule> essentials(DescribedPredicate<? super JavaClass> scope) {
        return List.of(
                new NamedRule("no wall clock", noWallClock(scope)),
                new NamedRule("no threads or executors", noThreads(scope)),
                new NamedRule("no unseeded randomness", noUnseededRandomness(scope)),
                new NamedRule("no parallel streams", noParallelStreams(scope)));
    }

    public static ArchRule noWallClock(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .callMethodWhere(calls("java.lang.System", Set.of("nanoTime", "currentTimeMillis")))
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "now() of any java.time type",
                        call -> call.getTarget().getName().equals("now")
                                && call.getTargetOwner().getPackageName().equals("java.time")))
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.time.Clock.class)
                .because("virtual (or SPI) time is the only time on the simulated path and in the engine");
    }

    public static ArchRule noThreads(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Thread.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.util.concurrent.Executor.class)
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(
                        java.util.concurrent.Executors.class,
                        java.util.concurrent.CompletableFuture.class,
                        java.util.Timer.class)
                .because("all simulated activity runs on one thread, driven by one event queue");
    }

    public static ArchRule noUnseededRandomness(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .callMethodWhere(calls("java.lang.Math", Set.of("random")))
                .orShould()
                .callMethodWhere(calls("java.lang.StrictMath", Set.of("random")))
                .orShould()
                .callMethodWhere(calls("java.util.UUID", Set.of("randomUUID")))
                .orShould()
                .callConstructorWhere(DescribedPredicate.describe(
                        "a constructor without a seed of java.util.Random (or a subclass) or SplittableRandom",
                        call -> (call.getTargetOwner().isAssignableTo(java.util.Random.class)
                                        || call.getTargetOwner().getName().equals("java.util.SplittableRandom"))
                                && call.getTarget().getRawParameterTypes().isEmpty()))
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.security.SecureRandom.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.util.concurrent.ThreadLocalRandom.class)
                .because("every random draw comes from a named stream of the root seed");
    }

    /**
     * Nothing from {@code java.util.concurrent}, not even atomics, locks or concurrent collections:
     * in single-threaded code they can only hide a thread that should not be there.
     */
    public static ArchRule noConcurrencyUtilities(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.util.concurrent..")
                .because("all simulated activity runs on one thread, driven by one event queue");
    }

    /**
     * No {@code java.util.Random} constructed at all, seeded or not: randomness on the simulated path
     * comes only from the named streams derived from the root seed, never from a private generator.
     */
    public static ArchRule noJavaUtilRandom(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .callConstructorWhere(DescribedPredicate.describe(
                        "a java.util.Random constructor, seeded or not",
                        call -> call.getTargetOwner().isAssignableTo(java.util.Random.class)))
                .because("every random draw comes from a named stream of the root seed");
    }

    public static ArchRule noParallelStreams(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "parallelStream() of any owner",
                        call -> call.getTarget().getName().equals("parallelStream")))
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "parallel() of a java.util.stream type",
                        call -> call.getTarget().getName().equals("parallel")
                                && (call.getTargetOwner().isAssignableTo(java.util.stream.BaseStream.class)
                                        || call.getTargetOwner()
                                                .getPackageName()
                                                .equals("java.util.stream"))))
                .because("parallel streams run on the common fork-join pool");
    }

    /**
     * No HashMap, HashSet or IdentityHashMap at all: their iteration order follows hash codes, which
     * for enums and plain objects are identity hashes that change from one JVM to the next. For
     * packages that iterate over such keys (the engine's core and node); elsewhere the four rules
     * of {@link #forClassesThat} apply.
     */
    public static ArchRule noHashOrderedCollections(DescribedPredicate<? super JavaClass> scope) {
        return noClasses()
                .that(scope)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(java.util.HashMap.class, java.util.HashSet.class, java.util.IdentityHashMap.class)
                .because("iteration order must not depend on hash codes: use EnumMap, TreeMap or LinkedHashMap");
    }

    private static DescribedPredicate<JavaCall<?>> calls(String owner, Set<String> methods) {
        return DescribedPredicate.describe(
                owner + "." + methods,
                call -> call.getTargetOwner().getName().equals(owner)
                        && methods.contains(call.getTarget().getName()));
    }
}
