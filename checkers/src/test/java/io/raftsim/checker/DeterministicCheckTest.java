package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.bench.RegisterHistoryGenerator;
import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the simulation harness relies on: with no time limit, one thread and an injected ticker, a
 * check whose configuration budget runs out gives the same result every time, down to the reason,
 * the counterexample and every elapsed time, and the clock never decides anything. That no real
 * clock is read at all is {@link DeterminismArchTest}'s job; here a ticker that races ahead by an
 * hour at every read shows that the ticker is the only time source and that, without a limit, it
 * does not feed the budget.
 */
class DeterministicCheckTest {
    static final Model CAS = Models.byName("cas-register").orElseThrow();
    static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

    /** A fresh ticker per check that jumps an hour at every read: far faster than any real clock. */
    static final class RacingTicker implements Ticker {
        long reads;

        @Override
        public long nanos() {
            return ++reads * HOUR_NANOS;
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 6);
    }

    static String repro(long seed, String what) {
        return "seed " + seed + " (" + what + "); repro: mvn -pl checkers -am verify -Dtest=DeterministicCheckTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false";
    }

    static History history(long seed) {
        // Several keys, many clients and info ops: far beyond a budget of a few configurations.
        return RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(seed, 8, 600, 2, 5, 20));
    }

    static CheckOptions starved() {
        return CheckOptions.defaults()
                .withInit(0L)
                .withoutTimeLimit()
                .withParallelism(1)
                .withMaxConfigurations(16);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aStarvedCheckWithoutTimeLimitIsIdenticalEveryTimeWhateverTheClock(long seed) {
        History h = history(seed);
        RacingTicker first = new RacingTicker();
        RacingTicker second = new RacingTicker();
        CheckResult a = LinearizabilityChecker.check(h, CAS, starved().withTicker(first));
        CheckResult b = LinearizabilityChecker.check(h, CAS, starved().withTicker(second));

        assertThat(a.verdict()).as(repro(seed, a.reason())).isEqualTo(Verdict.UNKNOWN);
        assertThat(a.reason())
                .as(repro(seed, "only the configuration budget can stop it"))
                .contains("explored-configuration budget of 16 exhausted")
                .doesNotContain("time limit");
        assertThat(a.keys()).extracting(KeyReport::reason).noneMatch(r -> r.contains("time limit"));
        // Whole records: verdict, reason, per-key reports and linearizations, counterexample, and the
        // elapsed times, which come from the injected ticker only (the same reads in the same order).
        assertThat(b).as(repro(seed, "second run")).isEqualTo(a);
        assertThat(second.reads).as(repro(seed, "ticker reads")).isEqualTo(first.reads);
        assertThat(a.elapsedNanos())
                .as(repro(seed, "elapsed time is measured on the injected ticker"))
                .isGreaterThanOrEqualTo(HOUR_NANOS);

        CheckResult still = LinearizabilityChecker.check(h, CAS, starved().withTicker(Ticker.NONE));
        assertThat(still.elapsedNanos())
                .as(repro(seed, "a ticker that never moves"))
                .isZero();
        assertThat(still.keys()).extracting(KeyReport::elapsedNanos).containsOnly(0L);
        assertThat(withoutTimes(still))
                .as(repro(seed, "same result on a still clock"))
                .isEqualTo(withoutTimes(a));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCorruptedHistoryGivesTheSameVerdictAndCounterexampleEveryTime(long seed) {
        History h = history(seed);
        List<Integer> reads = GeneratedHistoriesTest.okReads(h);
        int victim = reads.get(reads.size() / 2);
        Object key = ((List<?>) h.get(victim).value()).get(0);
        History bad = GeneratedHistoriesTest.withValue(h, victim, List.of(key, 1000L));
        CheckOptions o = starved().withTicker(Ticker.NONE);

        CheckResult a = LinearizabilityChecker.check(bad, CAS, o);
        CheckResult b = LinearizabilityChecker.check(bad, CAS, o);
        assertThat(a.verdict()).as(repro(seed, a.reason())).isNotEqualTo(Verdict.VALID);
        assertThat(b).as(repro(seed, "second run of corrupted op " + victim)).isEqualTo(a);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withATimeLimitTheInjectedTickerIsWhatRunsOut(long seed) {
        // Control for the test above: the racing ticker does end a check that has a limit, so its
        // having no effect there is down to the missing limit, not to the ticker being ignored.
        CheckResult r = LinearizabilityChecker.check(
                history(seed),
                CAS,
                starved()
                        .withMaxConfigurations(10_000_000L)
                        .withTimeLimit(Duration.ofMinutes(1))
                        .withTicker(new RacingTicker()));
        assertThat(r.verdict()).as(repro(seed, r.reason())).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).as(repro(seed, "time budget")).contains("time limit of 60000 ms reached");
    }

    /** The result with every elapsed time zeroed. */
    static CheckResult withoutTimes(CheckResult r) {
        return new CheckResult(
                r.verdict(),
                r.reason(),
                r.model(),
                r.clientOps(),
                r.keys().stream()
                        .map(k -> new KeyReport(
                                k.key(),
                                k.verdict(),
                                k.reason(),
                                k.invocations(),
                                k.searchedOps(),
                                k.linearization(),
                                k.configurations(),
                                0L))
                        .toList(),
                r.counterexample(),
                0L);
    }
}
