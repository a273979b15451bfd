package io.raftsim.harness.arch;

import io.raftsim.testsupport.ArchChecks;
import io.raftsim.testsupport.RealWorldAdapters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DESIGN.md section 2, enforced by the shared rules of test-support on the harness side of the
 * simulated path (cluster, clients, invariants, the run driver) and on the workloads.
 */
class HarnessDeterminismArchTest {
    @TestFactory
    Stream<DynamicTest> simulatedPathIsDeterministic() {
        // Exempt: real-world adapters only (a jdk package, or a class named Jdk*/Real*).
        return ArchChecks.determinism(
                RealWorldAdapters.inJdkPackageOrNamedJdkOrReal(),
                "io.raftsim.harness.cluster",
                "io.raftsim.harness.client",
                "io.raftsim.harness.invariant",
                "io.raftsim.harness.run",
                "io.raftsim.workload");
    }
}
