package io.raftsim.harness.junit;

import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/** Turns a {@link SimulationTest} method into one invocation per seed. */
public final class SimulationTestExtension implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, SimulationTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        SimulationTest a = AnnotationSupport.findAnnotation(m, SimulationTest.class)
                .orElseThrow(() -> new IllegalStateException(m + " is not a @SimulationTest"));
        SimulationScenario scenario = scenario(m.getDeclaringClass().getSimpleName() + "." + m.getName(), a);
        return scenario.seeds().mapToObj(seed -> new SeedInvocation(scenario, seed));
    }

    static SimulationScenario scenario(String name, SimulationTest a) {
        String seeds = a.seeds().trim();
        int dots = seeds.indexOf("..");
        long first;
        long last;
        try {
            first = Long.parseLong(dots < 0 ? seeds : seeds.substring(0, dots).trim());
            last = dots < 0 ? first : Long.parseLong(seeds.substring(dots + 2).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("@SimulationTest seeds must be A..B or N, got '" + a.seeds() + "'");
        }
        SimulationScenario s = SimulationScenario.named(name)
                .nodes(a.nodes())
                .workload(a.workload())
                .ops(a.ops())
                .clients(a.clients())
                .time(Duration.ofMillis(RunConfig.parseDurationMs(a.time())))
                .nemesis(a.nemesis())
                .seeds(first, last);
        if (!a.shrinkBudget().isBlank()) {
            s = s.shrinkOnFailure(Duration.ofMillis(RunConfig.parseDurationMs(a.shrinkBudget())));
        }
        return s;
    }

    /** One seed: runs the simulation once, fails the test if it is not valid, hands the outcome to the method. */
    private static final class SeedInvocation implements TestTemplateInvocationContext {
        private final SimulationScenario scenario;
        private final long seed;
        private RunOutcome outcome;

        SeedInvocation(SimulationScenario scenario, long seed) {
            this.scenario = scenario;
            this.seed = seed;
        }

        RunOutcome outcome() {
            if (outcome == null) {
                outcome = scenario.run(seed);
            }
            return outcome;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return SimulationScenario.displayName(seed);
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(), new Verifier());
        }

        private final class Resolver implements ParameterResolver {
            @Override
            public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                Class<?> t = p.getParameter().getType();
                return t == RunOutcome.class || t == RunSummary.class || t == long.class || t == Long.class;
            }

            @Override
            public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                Class<?> t = p.getParameter().getType();
                if (t == long.class || t == Long.class) {
                    return seed;
                }
                return t == RunSummary.class ? outcome().summary() : outcome();
            }
        }

        private final class Verifier implements InvocationInterceptor {
            @Override
            public void interceptTestTemplateMethod(
                    Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx, ExtensionContext e)
                    throws Throwable {
                RunOutcome o = outcome();
                if (o.summary().verdict() != Verdict.VALID) {
                    invocation.skip();
                    throw new AssertionFailedError(scenario.failureMessage(o));
                }
                invocation.proceed();
            }
        }
    }
}
