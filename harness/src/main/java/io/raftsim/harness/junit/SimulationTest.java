package io.raftsim.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per seed, each as its own test named {@code seed=N}. The
 * simulation runs first; an invalid or unknown seed fails with its repro command (and a shrunk
 * input when {@link #shrinkBudget} is set). The method may take a {@code RunOutcome}, {@code
 * RunSummary} or {@code long} seed parameter to assert more about a valid run.
 *
 * <pre>{@code
 * @SimulationTest(seeds = "0..9", nodes = 3, nemesis = "kill,isolate")
 * void staysLinearizable(RunSummary run) {
 *     assertThat(run.leaders()).isPositive();
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(SimulationTestExtension.class)
public @interface SimulationTest {
    /** Seed range {@code A..B} (inclusive) or one seed {@code N}. */
    String seeds() default "0..9";

    int nodes() default 3;

    /** {@code register} or {@code kv}. */
    String workload() default "kv";

    int ops() default 200;

    int clients() default 3;

    /** Simulated run length, e.g. {@code 10s}, {@code 1500ms}. */
    String time() default "10s";

    /** {@code all}, {@code none} or a comma list of fault kinds. */
    String nemesis() default "all";

    /** Wall time to shrink a failing seed, e.g. {@code 1m}; empty: do not shrink. */
    String shrinkBudget() default "";
}
