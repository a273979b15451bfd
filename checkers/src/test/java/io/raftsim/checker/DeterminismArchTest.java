package io.raftsim.checker;

import io.raftsim.testsupport.ArchChecks;
import io.raftsim.testsupport.DeterminismRules;
import io.raftsim.testsupport.RealWorldAdapters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DESIGN.md section 2, enforced by the shared rules of test-support on the checker and the
 * histories it reads: the harness runs them inside the deterministic simulation.
 */
class DeterminismArchTest {
    @TestFactory
    Stream<DynamicTest> onlyJdkAdaptersTouchClockThreadsOrRandomness() {
        // Exempt: classes in a jdk package only (RealTicker, JdkKeyPool). Everything else gets time
        // through Ticker and threads through KeyScheduler, whatever its name. The essential rules
        // only: the search shares its budget with JdkKeyPool's workers in an AtomicInteger, and the
        // benchmark's history generator draws from a seeded java.util.Random.
        return ArchChecks.each(
                DeterminismRules.essentials(RealWorldAdapters.allExcept(RealWorldAdapters.inJdkPackage())),
                ArchChecks.mainClassesIn("io.raftsim.checker", "io.raftsim.history"));
    }
}
