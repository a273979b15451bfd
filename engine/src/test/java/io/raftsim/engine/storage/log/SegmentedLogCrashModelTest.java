package io.raftsim.engine.storage.log;

import static io.raftsim.engine.storage.log.LogFixtures.entries;
import static io.raftsim.engine.storage.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFsOptions;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random appends, truncations, compactions and resets with crashes at random moments, checked
 * against a model. Crashes lose the unsynced writes, or keep a torn prefix of them, or keep any
 * subset of their sectors (a device writing back in any order). After every crash the recovered
 * log must open (never CORRUPT: only torn writes happened) and must equal a prefix of some state
 * the log passed through since the last acknowledged operation, keeping everything that all those
 * states agreed on: no acknowledged entry is ever lost. Some crashes also flip a bit at rest in a
 * segment file: recovery must then report CORRUPT (never return a log silently), and once the bit
 * is flipped back it must recover as above.
 *
 * <p>{@code -Dlog.model.seeds=1000} sweeps more seeds than the CI default.
 */
class SegmentedLogCrashModelTest {
    private record State(long first, List<LogEntry> entries) {
        long last() {
            return first + entries.size() - 1;
        }

        LogEntry at(long index) {
            return entries.get((int) (index - first));
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("log.model.seeds", 40));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void recoveredLogIsAPrefixOfAStateSinceTheLastAcknowledgement(long seed) {
        String repro = "repro: mvn -pl engine test -Dtest=SegmentedLogCrashModelTest -Dlog.model.seeds=" + seed
                + " (seed " + seed + ")";
        SplittableRandom rnd = new SplittableRandom(seed);
        // frames of 64..512 bytes; the device sector is the frame or a multiple of it (atomic unit)
        int frameBytes = 64 << rnd.nextInt(4);
        MemoryFsOptions opts = MemoryFsOptions.DEFAULT
                .withSectorBytes(frameBytes << rnd.nextInt(2))
                .withFsyncLatencyNanos(1 + rnd.nextInt(1000));
        MemoryEnv env = new MemoryEnv(opts, seed);
        SegmentedLogOptions logOpts = new SegmentedLogOptions(256 + rnd.nextInt(4096), frameBytes);
        SegmentedLog log = SegmentedLog.open(env.fs, "n/log", logOpts);
        List<State> states = new ArrayList<>(List.of(new State(1, List.of())));
        int[] acked = {0};
        long term = 1;
        int crashes = 0;
        for (int step = 0; step < 300; step++) {
            State cur = states.get(states.size() - 1);
            int roll = rnd.nextInt(100);
            int opNo = states.size();
            List<LogEntry> next = new ArrayList<>(cur.entries());
            State after;
            if (roll < 45) {
                if (rnd.nextInt(5) == 0) {
                    term++;
                }
                // now and then an entry larger than a frame, so records span frames
                List<LogEntry> es = rnd.nextInt(8) == 0
                        ? List.of(LogFixtures.bigEntry(cur.last() + 1, term, 1 + rnd.nextInt(3 * frameBytes)))
                        : entries(cur.last() + 1, cur.last() + 1 + rnd.nextInt(5), term);
                next.addAll(es);
                after = new State(cur.first(), next);
                log.append(es, ack(acked, opNo, repro));
            } else if (roll < 53) {
                long k = cur.first() - 1 + rnd.nextInt(next.size() + 1);
                after = new State(cur.first(), next.subList(0, (int) (k - cur.first() + 1)));
                log.truncateSuffix(k, ack(acked, opNo, repro));
            } else if (roll < 58) {
                long k = cur.first() + rnd.nextInt(next.size() + 2);
                after = new State(k, k > cur.last() ? List.of() : next.subList((int) (k - cur.first()), next.size()));
                log.truncatePrefix(k, ack(acked, opNo, repro));
            } else if (roll < 60) {
                long n = cur.last() + 1 + rnd.nextInt(3);
                after = new State(n, List.of());
                log.reset(n, ack(acked, opNo, repro));
            } else if (roll < 95) {
                for (int i = rnd.nextInt(6); i > 0; i--) {
                    env.clock.runNext();
                }
                continue;
            } else {
                log = crashAndCheck(env, rnd, states, acked[0], "n/log", logOpts, repro + " crash " + crashes++);
                State recovered = new State(log.firstIndex(), readAll(log));
                states = new ArrayList<>(List.of(recovered));
                acked[0] = 0;
                continue;
            }
            states.add(new State(after.first(), List.copyOf(after.entries())));
            assertThat(log.lastIndex()).as(repro).isEqualTo(after.last());
        }
        crashAndCheck(env, rnd, states, acked[0], "n/log", logOpts, repro + " final crash");
    }

    private static io.raftsim.engine.spi.fs.IoCallback ack(int[] acked, int opNo, String repro) {
        return err -> {
            assertThat(err).as(repro).isNull();
            assertThat(opNo).as(repro + ": callbacks in issue order").isEqualTo(acked[0] + 1);
            acked[0] = opNo;
        };
    }

    private static SegmentedLog crashAndCheck(
            MemoryEnv env,
            SplittableRandom rnd,
            List<State> states,
            int acked,
            String dir,
            SegmentedLogOptions logOpts,
            String repro) {
        CrashMode mode = CrashMode.values()[rnd.nextInt(CrashMode.values().length)];
        env.fs.crash(mode);
        repro += " (" + mode + ")";
        if (rnd.nextInt(4) == 0) {
            flipAtRestIsCorrupt(env, rnd, dir, logOpts, repro);
        }
        SegmentedLog log = SegmentedLog.open(env.fs, dir, logOpts);
        State r = new State(log.firstIndex(), readAll(log));
        // Everything up to the lowest point any later operation cut the log to was durable and
        // untouched; an unacknowledged truncation may have cut anywhere above that point.
        long minLast = Long.MAX_VALUE;
        for (int k = acked; k < states.size(); k++) {
            minLast = Math.min(minLast, states.get(k).last());
        }
        List<String> why = new ArrayList<>();
        for (int k = acked; k < states.size(); k++) {
            State s = states.get(k);
            String mismatch = matches(r, states.get(acked), s, minLast);
            if (mismatch == null) {
                return log;
            }
            why.add("state " + k + ": " + mismatch);
        }
        throw new AssertionError(repro + ": recovered log [" + r.first() + ".." + r.last() + "] matches no state since "
                + "acknowledged op " + acked + ": " + why);
    }

    /**
     * Flips one bit of a segment file at rest: every frame is either a hole or valid before the
     * flip, so the flipped frame is damaged either way and recovery must say CORRUPT, never return
     * a log. Then the bit is flipped back, as if the damage had been repaired.
     */
    private static void flipAtRestIsCorrupt(
            MemoryEnv env, SplittableRandom rnd, String dir, SegmentedLogOptions logOpts, String repro) {
        List<String> segs = env.fs.list(dir).stream()
                .filter(f -> SegmentName.parse(f) != null)
                .filter(f -> env.fs.durableSize(dir + "/" + f) > 0)
                .toList();
        if (segs.isEmpty()) {
            return;
        }
        String path = dir + "/" + segs.get(rnd.nextInt(segs.size()));
        long offset = rnd.nextLong(env.fs.durableSize(path));
        int bit = rnd.nextInt(8);
        env.fs.flipBit(path, offset, bit);
        String where = repro + ": bit " + bit + " of byte " + offset + " of " + path + " flipped at rest";
        try {
            SegmentedLog opened = SegmentedLog.open(env.fs, dir, logOpts);
            opened.close();
            throw new AssertionError(where + ": recovery returned a log (" + opened.recoveryReport() + ")");
        } catch (StorageException e) {
            assertThat(e.kind()).as(where + ": " + e.getMessage()).isEqualTo(StorageException.Kind.CORRUPT);
        }
        env.fs.flipBit(path, offset, bit);
    }

    /** Null if {@code r} is a valid recovery towards state {@code s}, else why not. */
    private static String matches(State r, State ackedState, State s, long minLast) {
        if (r.first() < ackedState.first() || r.first() > Math.max(s.first(), ackedState.first())) {
            return "first " + r.first() + " outside [" + ackedState.first() + ", " + s.first() + "]";
        }
        if (r.last() > s.last()) {
            return "last " + r.last() + " beyond " + s.last();
        }
        if (r.last() < minLast && minLast >= Math.max(r.first(), s.first())) {
            return "lost acknowledged entries: last " + r.last() + " < " + minLast;
        }
        for (long i = Math.max(r.first(), s.first()); i <= r.last(); i++) {
            if (!r.at(i).equals(s.at(i))) {
                return "index " + i + " is " + r.at(i) + " not " + s.at(i);
            }
        }
        return null;
    }
}
