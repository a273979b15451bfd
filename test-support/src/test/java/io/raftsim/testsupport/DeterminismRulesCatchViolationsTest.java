package io.raftsim.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.raftsim.testsupport.planted.Planted;
import io.raftsim.testsupport.planted.jdk.WallClockInJdkPackage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The determinism rules must fail on code that breaks them, or they prove nothing. */
class DeterminismRulesCatchViolationsTest {
    private static final String HASH_ORDERED = "no hash-ordered collections";

    /** Every rule a module can apply, by name, over all classes. */
    private static Map<String, NamedRule> allRules(DescribedPredicate<? super JavaClass> scope) {
        return Stream.concat(
                        DeterminismRules.forClassesThat(scope).stream(),
                        Stream.of(new NamedRule(HASH_ORDERED, DeterminismRules.noHashOrderedCollections(scope))))
                .collect(Collectors.toMap(NamedRule::name, Function.identity()));
    }

    /** Each planted class and the rule it breaks: one row per clause of every rule. */
    static Stream<Arguments> plantedViolations() {
        return Stream.of(
                arguments("no wall clock", Planted.NanoTime.class),
                arguments("no wall clock", Planted.CurrentTimeMillis.class),
                arguments("no wall clock", Planted.InstantNow.class),
                arguments("no wall clock", Planted.LocalDateTimeNow.class),
                arguments("no wall clock", Planted.OtherJavaTimeNow.class),
                arguments("no wall clock", Planted.SystemClock.class),
                arguments("no wall clock", Planted.HoldsAClock.class),
                arguments("no threads or executors", Planted.StartsThread.class),
                arguments("no threads or executors", Planted.ExtendsThread.class),
                arguments("no threads or executors", Planted.UsesExecutors.class),
                arguments("no threads or executors", Planted.UsesForkJoinPool.class),
                arguments("no threads or executors", Planted.UsesCompletableFuture.class),
                arguments("no threads or executors", Planted.UsesTimer.class),
                arguments("no unseeded randomness", Planted.MathRandom.class),
                arguments("no unseeded randomness", Planted.StrictMathRandom.class),
                arguments("no unseeded randomness", Planted.RandomUuid.class),
                arguments("no unseeded randomness", Planted.UnseededRandom.class),
                arguments("no unseeded randomness", Planted.UnseededSplittableRandom.class),
                arguments("no unseeded randomness", Planted.UsesSecureRandom.class),
                arguments("no unseeded randomness", Planted.UsesThreadLocalRandom.class),
                arguments("no java.util.concurrent", Planted.UsesConcurrentCollection.class),
                arguments("no java.util.concurrent", Planted.UsesAtomic.class),
                arguments("no java.util.concurrent", Planted.UsesExecutors.class),
                arguments("no java.util.Random", Planted.SeededJavaUtilRandom.class),
                arguments("no java.util.Random", Planted.UnseededRandom.class),
                arguments("no parallel streams", Planted.ParallelStream.class),
                arguments("no parallel streams", Planted.ParallelIntStream.class),
                arguments("no parallel streams", Planted.StreamMadeParallel.class),
                arguments(HASH_ORDERED, Planted.UsesHashMap.class),
                arguments(HASH_ORDERED, Planted.UsesHashSet.class),
                arguments(HASH_ORDERED, Planted.UsesIdentityHashMap.class));
    }

    private static EvaluationResult evaluate(NamedRule rule, Class<?> planted) {
        return rule.rule().allowEmptyShould(true).evaluate(new ClassFileImporter().importClasses(planted));
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @MethodSource("plantedViolations")
    void eachRuleFailsOnItsPlantedViolation(String ruleName, Class<?> planted) {
        NamedRule rule = allRules(RealWorldAdapters.allExcept(RealWorldAdapters.inJdkPackageOrNamedJdkOrReal()))
                .get(ruleName);

        EvaluationResult result = evaluate(rule, planted);

        assertThat(result.hasViolation())
                .as("rule '%s' on %s", ruleName, planted.getName())
                .isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("the violation names the offending class")
                .anySatisfy(line -> assertThat(line).contains(planted.getName()));
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        Set<String> planted =
                plantedViolations().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));

        assertThat(planted)
                .isEqualTo(
                        new TreeSet<>(allRules(DescribedPredicate.alwaysTrue()).keySet()));
    }

    @Test
    void theEssentialRulesAloneAllowAtomicsAndASeededRandom() {
        for (NamedRule rule : DeterminismRules.essentials(DescribedPredicate.alwaysTrue())) {
            for (Class<?> allowed : List.of(Planted.UsesAtomic.class, Planted.SeededJavaUtilRandom.class)) {
                assertThat(evaluate(rule, allowed).hasViolation())
                        .as("%s on %s", rule.name(), allowed.getSimpleName())
                        .isFalse();
            }
        }
    }

    @Test
    void cleanCodePassesEveryRule() {
        for (NamedRule rule : allRules(DescribedPredicate.alwaysTrue()).values()) {
            assertThat(evaluate(rule, Planted.Clean.class).hasViolation())
                    .as(rule.name())
                    .isFalse();
        }
    }

    @Test
    void theUsualExemptionSparesJdkPackagesAndJdkOrRealNamesOnly() {
        DescribedPredicate<JavaClass> scope =
                RealWorldAdapters.allExcept(RealWorldAdapters.inJdkPackageOrNamedJdkOrReal());
        NamedRule noWallClock = DeterminismRules.forClassesThat(scope).get(0);

        assertThat(evaluate(noWallClock, Planted.RealStopwatch.class).hasViolation())
                .isFalse();
        assertThat(evaluate(noWallClock, WallClockInJdkPackage.class).hasViolation())
                .isFalse();
        assertThat(evaluate(noWallClock, Planted.NanoTime.class).hasViolation()).isTrue();
    }

    @Test
    void aNarrowerExemptionStillChecksOtherJdkPackagesAndNames() {
        // The engine exempts only its runtime.jdk package: a jdk package elsewhere is checked.
        List<NamedRule> rules = DeterminismRules.forClassesThat(
                RealWorldAdapters.allExcept(RealWorldAdapters.inPackage("..runtime.jdk..")));

        assertThat(evaluate(rules.get(0), WallClockInJdkPackage.class).hasViolation())
                .isTrue();
        assertThat(evaluate(rules.get(0), Planted.RealStopwatch.class).hasViolation())
                .isTrue();
    }
}
