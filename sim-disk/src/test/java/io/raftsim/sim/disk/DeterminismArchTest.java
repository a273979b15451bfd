package io.raftsim.sim.disk;

import io.raftsim.testsupport.ArchChecks;
import io.raftsim.testsupport.RealWorldAdapters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** DESIGN.md section 2, enforced on the simulated disk by the shared rules of test-support. */
class DeterminismArchTest {
    @TestFactory
    Stream<DynamicTest> simulatedPathIsDeterministic() {
        // Exempt: real-world adapters only (a jdk package, or a class named Jdk*/Real*).
        return ArchChecks.determinism(RealWorldAdapters.inJdkPackageOrNamedJdkOrReal(), "io.raftsim.sim.disk");
    }
}
