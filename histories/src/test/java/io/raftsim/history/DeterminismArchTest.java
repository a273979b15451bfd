package io.raftsim.history;

import io.raftsim.testsupport.ArchChecks;
import io.raftsim.testsupport.RealWorldAdapters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DESIGN.md section 2, enforced by the shared rules of test-support on the histories and their
 * codecs, which the simulation reads and writes.
 */
class DeterminismArchTest {
    @TestFactory
    Stream<DynamicTest> historiesNeverTouchClockThreadsOrRandomness() {
        // Exempt: classes in a jdk package only; a Jdk*/Real* name outside one is checked.
        return ArchChecks.determinism(RealWorldAdapters.inJdkPackage(), "io.raftsim.history");
    }
}
