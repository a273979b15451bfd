package io.raftsim.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.History;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search takes a valid read-only op at once and tries nothing else there (see {@code
 * WglSearch}). These tests pin what that buys (concurrent reads no longer multiply the
 * configurations), that it loses nothing (stale reads are still caught, and tiny read-heavy
 * histories agree with brute force), and that every model's {@code readOnly} claim is true.
 */
class GreedyReadsTest {
    static final Model CAS = Models.byName("cas-register").orElseThrow();
    static final int READERS = 16;

    /**
     * Rounds of: a write of {@code r} invoked, {@link #READERS} reads invoked while it runs, half of
     * them seeing the old value {@code r - 1} and half the new one (odd processes old, even new),
     * then the write completes. Linearizable: old reads before the write, new ones after. A search
     * that branches on the order of reads tries the write first (it was invoked first), then walks
     * the 2^8 orders of the new reads before it learns that the old ones cannot follow. {@code
     * staleRound} >= 0 adds, in that round, a read invoked after the write completed that still sees
     * the old value: not linearizable.
     */
    static History concurrentReads(int rounds, int staleRound) {
        Hist h = new Hist();
        for (long r = 1; r <= rounds; r++) {
            h.invoke(0, "write", r);
            for (int p = 1; p <= READERS; p++) {
                h.invoke(p, "read", null);
            }
            for (int p = 1; p <= READERS; p++) {
                h.ok(p, "read", p % 2 == 1 ? r - 1 : r);
            }
            h.ok(0, "write", r);
            if (r - 1 == staleRound) {
                h.invoke(READERS + 1, "read", null).ok(READERS + 1, "read", r - 1);
            }
        }
        return h.build();
    }

    @Test
    void manyConcurrentReadsStayOneConfigurationPerRead() {
        History h = concurrentReads(50, -1);
        CheckResult r =
                LinearizabilityChecker.check(h, CAS, CheckOptions.defaults().withInit(0L));
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.VALID);
        // One configuration per op: 50 writes and 800 reads. Branching on the order of the reads
        // explores at least 2^8 per round.
        assertThat(r.configurations()).as("configurations").isLessThanOrEqualTo(50 + 50L * READERS);
    }

    @Test
    void aStaleReadAmongConcurrentReadsIsStillCaught() {
        History h = concurrentReads(50, 30);
        CheckResult r =
                LinearizabilityChecker.check(h, CAS, CheckOptions.defaults().withInit(0L));
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.INVALID);
        Counterexample c = r.counterexample().orElseThrow();
        // Round 31 writes 31; its extra read comes after the round's 2 + 2 * READERS entries.
        int staleCompletion = 31 * (2 + 2 * READERS) + 1;
        assertThat(h.get(staleCompletion).f()).isEqualTo("read");
        assertThat(h.get(staleCompletion).value()).isEqualTo(30L);
        assertThat(c.failingCompletion()).as(c.explain()).isEqualTo(staleCompletion);
    }

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    /**
     * Tiny histories of mostly reads (up to 4 processes, values 0..2), a quarter with one read's
     * result replaced: the checker's verdict must be brute force's, under both semantics.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readHeavyTinyHistoriesAgreeWithBruteForce(long seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            History h = readHeavy(rnd, 2 + rnd.nextInt(3), 8);
            for (Model.Semantics sem : Model.Semantics.values()) {
                boolean expected = new BruteForceOracle(h, CAS, sem).linearizable(0L);
                CheckResult r = LinearizabilityChecker.check(
                        h, CAS, CheckOptions.defaults().withInit(0L).withSemantics(sem));
                assertThat(r.verdict())
                        .as(
                                "seed %d round %d %s, brute force says %s; history %s; repro: mvn -pl checkers -am"
                                        + " verify -Dtest=GreedyReadsTest -Dsurefire.failIfNoSpecifiedTests=false",
                                seed, round, sem, expected, h.ops())
                        .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            }
        }
    }

    /**
     * A random concurrent execution on one register: each op takes effect at a random point between
     * its invocation and its completion, 70% of ops are reads; sometimes one read's result is
     * replaced by a random value.
     */
    static History readHeavy(Random rnd, int processes, int ops) {
        Hist h = new Hist();
        long value = 0;
        int[] phase = new int[processes]; // 0 idle, 1 invoked, 2 took effect
        String[] f = new String[processes];
        long[] result = new long[processes];
        int started = 0;
        int done = 0;
        boolean corrupt = rnd.nextInt(4) == 0;
        while (done < ops) {
            int p = rnd.nextInt(processes);
            if (phase[p] == 0 && started < ops) {
                f[p] = rnd.nextInt(10) < 7 ? "read" : "write";
                result[p] = f[p].equals("write") ? rnd.nextInt(3) : 0;
                h.invoke(p, f[p], f[p].equals("write") ? result[p] : null);
                phase[p] = 1;
                started++;
            } else if (phase[p] == 1) {
                if (f[p].equals("write")) {
                    value = result[p];
                } else {
                    result[p] = value;
                }
                phase[p] = 2;
            } else if (phase[p] == 2) {
                long seen = result[p];
                if (f[p].equals("read") && corrupt && rnd.nextInt(3) == 0) {
                    seen = rnd.nextInt(3);
                    corrupt = false;
                }
                h.ok(p, f[p], seen);
                phase[p] = 0;
                done++;
            }
        }
        return h.build();
    }

    /** Sample ops per model: {f, value} pairs, prepared as completed (ok) ops. */
    static List<Object[]> samples(String model) {
        List<Object[]> out = new ArrayList<>();
        switch (model) {
            case "register", "cas-register" -> {
                for (long v = 0; v < 3; v++) {
                    out.add(new Object[] {"read", v});
                    out.add(new Object[] {"write", v});
                }
                if (model.equals("cas-register")) {
                    out.add(new Object[] {"cas", List.of(0L, 1L)});
                    out.add(new Object[] {"cas", List.of(1L, 1L)});
                }
            }
            case "set" -> {
                out.add(new Object[] {"add", 1L});
                out.add(new Object[] {"add", 2L});
                out.add(new Object[] {"read", List.of()});
                out.add(new Object[] {"read", List.of(1L)});
                out.add(new Object[] {"read", List.of(1L, 2L)});
            }
            case "kv-append" -> {
                out.add(new Object[] {"get", ""});
                out.add(new Object[] {"get", "a"});
                out.add(new Object[] {"put", "a"});
                out.add(new Object[] {"append", "b"});
                out.add(new Object[] {"get", "ab"});
            }
            case "multi-register" -> {
                out.add(new Object[] {"txn", List.of(List.of("w", "x", 1L))});
                out.add(new Object[] {"txn", List.of(List.of("r", "x", 1L))});
                out.add(new Object[] {"txn", List.of(List.of("r", "x", 1L), List.of("r", "y", 2L))});
                out.add(new Object[] {"txn", List.of(List.of("w", "y", 2L), List.of("r", "x", 1L))});
                // Reads its own write: not read-only, although it reads.
                out.add(new Object[] {"txn", List.of(List.of("w", "x", 2L), List.of("r", "x", 2L))});
            }
            case "mutex" -> {
                out.add(new Object[] {"acquire", null});
                out.add(new Object[] {"release", null});
            }
            case "fifo-queue" -> {
                out.add(new Object[] {"enqueue", 1L});
                out.add(new Object[] {"dequeue", 1L});
            }
            default -> throw new IllegalArgumentException("no samples for model " + model);
        }
        return out;
    }

    static List<String> modelNames() {
        return Models.NAMES;
    }

    /**
     * Every input a model calls read-only leaves every reachable state as it is or is impossible
     * there; and the claim is not made of inputs that change some state.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void readOnlyClaimsHold(String name) {
        Model m = Models.byName(name).orElseThrow();
        List<Object> inputs = new ArrayList<>();
        for (Object[] s : samples(name)) {
            Object in = m.prepare((String) s[0], s[1], Model.Outcome.OK, Model.Semantics.KNOSSOS);
            if (in != Model.DROP) {
                inputs.add(in);
            }
        }
        // States reachable from the initial one in up to three steps of the sampled inputs.
        Set<Object> states = new LinkedHashSet<>();
        states.add(m.initialState(Model.DEFAULT_INIT));
        for (int depth = 0; depth < 3; depth++) {
            for (Object s : List.copyOf(states)) {
                for (Object in : inputs) {
                    Object after = m.step(s, in);
                    if (after != null) {
                        states.add(after);
                    }
                }
            }
        }
        for (Object in : inputs) {
            boolean changesSome = false;
            for (Object s : states) {
                Object after = m.step(s, in);
                if (after != null && !after.equals(s)) {
                    changesSome = true;
                }
            }
            if (m.readOnly(in)) {
                assertThat(changesSome)
                        .as("%s: readOnly(%s), but it changes one of %s", name, in, states)
                        .isFalse();
            }
        }
        boolean hasReads = !name.equals("mutex") && !name.equals("fifo-queue");
        assertThat(inputs.stream().anyMatch(m::readOnly))
                .as("%s declares its reads read-only", name)
                .isEqualTo(hasReads);
    }
}
