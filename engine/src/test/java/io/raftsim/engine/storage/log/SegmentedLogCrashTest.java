package io.raftsim.engine.storage.log;

import static io.raftsim.engine.storage.log.LogFixtures.entries;
import static io.raftsim.engine.storage.log.LogFixtures.readAll;
import static io.raftsim.engine.storage.log.SegmentedLogTest.assertCorrupt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.spi.fs.memory.MemoryFsOptions;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import io.raftsim.engine.storage.testenv.StorageEnv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Crashes and disk faults, on the in-memory file system (a real disk cannot be crashed on demand). */
class SegmentedLogCrashTest {
    private static final String DIR = "log";
    private static final SegmentedLogOptions SMALL = new SegmentedLogOptions(1024);

    private static SegmentedLog open(MemoryEnv env) {
        return SegmentedLog.open(env.fs, DIR, SMALL);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @Test
    void groupCommitSharesFsyncsAndRunsCallbacksInIssueOrder() {
        MemoryEnv env = new MemoryEnv(1);
        SegmentedLog log = open(env);
        env.drain();
        long fsyncsBefore = env.fs.stats().fsyncs();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            log.append(entries(1 + i, 1 + i, 1), err -> {
                assertThat(err).isNull();
                order.add(n);
            });
        }
        assertThat(order).as("nothing is acknowledged before an fsync").isEmpty();
        env.drain();
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // the first append starts an fsync; the nine written while it was in flight share the next
        assertThat(env.fs.stats().fsyncs() - fsyncsBefore).isEqualTo(2);
    }

    @Test
    void crashLosesTheUnsyncedTailEntirely() {
        MemoryEnv env = new MemoryEnv(2);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 30, 1), cb))).isNull();
        Result pending = new Result();
        log.append(entries(31, 40, 1), pending);
        assertThat(log.lastIndex()).as("the logical log runs ahead of the disk").isEqualTo(40);
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        env.drain();
        assertThat(pending.fired()).as("a crashed process gets no callbacks").isFalse();

        SegmentedLog reopened = open(env);
        assertThat(reopened.lastIndex()).isEqualTo(30);
        assertThat(readAll(reopened)).isEqualTo(entries(1, 30, 1));
        assertThat(reopened.recoveryReport().tornTail()).isNull();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void tornTailOfTheLastSegmentIsTruncatedAndAcknowledgedEntriesSurvive(long seed) {
        String repro = "repro: mvn -pl engine test -Dtest=SegmentedLogCrashTest#tornTail* (seed " + seed + ")";
        MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withSectorBytes(16), seed);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 12, 1), cb))).isNull();
        log.append(entries(13, 20, 2), e -> {});
        log.append(entries(21, 25, 2), e -> {});
        env.fs.crash(CrashMode.TORN_PREFIX);

        SegmentedLog reopened = open(env);
        List<LogEntry> got = readAll(reopened);
        assertThat(reopened.lastIndex()).as(repro).isBetween(12L, 25L);
        assertThat(got.subList(0, 12)).as(repro).isEqualTo(entries(1, 12, 1));
        List<LogEntry> expectedTail = new ArrayList<>(entries(13, 25, 2));
        assertThat(got.subList(12, got.size())).as(repro).isEqualTo(expectedTail.subList(0, got.size() - 12));
        // the recovered log accepts appends where it ends and survives another restart
        long next = reopened.lastIndex() + 1;
        assertThat(env.await(cb -> reopened.append(entries(next, next + 2, 3), cb)))
                .as(repro)
                .isNull();
        env.fs.crash(CrashMode.TORN_PREFIX);
        SegmentedLog third = open(env);
        assertThat(third.lastIndex()).as(repro).isEqualTo(next + 2);
        assertThat(third.recoveryReport().tornTail()).as(repro).isNull();
    }

    @Test
    void aTornTailIsReported() {
        MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withSectorBytes(8), 3);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 3, 1), cb))).isNull();
        log.append(entries(4, 4, 1), e -> {});
        // keep a torn prefix of the single unsynced record: crash with TORN_PREFIX until the
        // seeded choice cuts it mid-record (deterministic for this seed)
        env.fs.crash(CrashMode.TORN_PREFIX);
        SegmentedLog reopened = open(env);
        if (reopened.lastIndex() == 3 && reopened.recoveryReport().tornTail() == null) {
            throw new AssertionError("seed 3 must tear the record: pick another seed if the FS model changed");
        }
        RecoveryReport.TornTail torn = reopened.recoveryReport().tornTail();
        assertThat(torn).isNotNull();
        assertThat(torn.file()).isEqualTo(SegmentName.openName(1));
        assertThat(torn.droppedBytes()).isPositive();
        assertThat(reopened.lastIndex()).isEqualTo(3);
    }

    @Test
    void bitFlipInAClosedSegmentIsCorruptNotTruncated() {
        MemoryEnv env = new MemoryEnv(4);
        SegmentedLog log = open(env);
        for (long i = 1; i <= 60; i += 5) {
            long from = i;
            assertThat(env.await(cb -> log.append(entries(from, from + 4, 1), cb)))
                    .isNull();
        }
        String closed = env.fs.list(DIR).stream()
                .filter(f -> f.startsWith("log_0"))
                .findFirst()
                .orElseThrow();
        log.close();
        env.fs.flipBit(DIR + "/" + closed, 100, 3);
        assertCorrupt(() -> open(env), closed);
    }

    @Test
    void badRecordFollowedByValidOnesInTheLastSegmentIsCorrupt() {
        MemoryEnv env = new MemoryEnv(5);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 8, 1), cb))).isNull();
        log.close();
        // a flip in the body of the second record: records 3..8 after it are valid
        int offset = RecordCodec.recordBytes(LogFixtures.entry(1, 1)) + RecordCodec.HEADER_BYTES + 2;
        env.fs.flipBit(DIR + "/" + SegmentName.openName(1), offset, 0);
        assertCorrupt(() -> open(env), "a valid record follows");
    }

    @Test
    void readOfAFlippedRecordIsCorruptAndTheLogRefusesFurtherUse() {
        MemoryEnv env = new MemoryEnv(6);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 8, 1), cb))).isNull();
        env.fs.flipBit(DIR + "/" + SegmentName.openName(1), RecordCodec.HEADER_BYTES + 1, 5);
        assertCorrupt(() -> log.entry(1), "record 1@1");
        assertThatThrownBy(log::lastIndex).isInstanceOf(StorageException.class).hasMessageContaining("refuses");
    }

    @Test
    void latentReadErrorSurfacesAsIo() {
        MemoryEnv env = new MemoryEnv(7);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 8, 1), cb))).isNull();
        log.close();
        env.fs.injectReadError(DIR + "/" + SegmentName.openName(1), 50, 10);
        assertThatThrownBy(() -> open(env))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.IO));
    }

    /**
     * A read error while a barrier (here a prefix truncation) waits on its disk I/O fails the log
     * at once, barrier included; the I/O that completes afterwards must neither complete the barrier
     * a second time nor run its remaining steps (found by the harness: seed 113 of the default fuzz
     * campaign once replace-node joined it crashed the run with a NullPointerException here).
     */
    @Test
    void aReadErrorDuringABarrierFailsItOnceAndStopsItsSteps() {
        MemoryEnv env = new MemoryEnv(8);
        SegmentedLog log = open(env);
        for (long from = 1; from <= 60; from += 10) {
            long first = from;
            assertThat(env.await(cb -> log.append(entries(first, first + 9, 1), cb)))
                    .isNull();
        }
        List<String> before = env.fs.list(DIR);
        assertThat(before).as("several segments").hasSizeGreaterThanOrEqualTo(2);
        List<StorageException> outcomes = new ArrayList<>();
        log.truncatePrefix(50, outcomes::add);
        env.fs.injectReadError(DIR + "/" + before.get(before.size() - 1), 0, Long.MAX_VALUE / 4);
        assertThatThrownBy(() -> log.entry(log.lastIndex())).isInstanceOf(StorageException.class);
        env.drain();
        assertThat(outcomes).as("the truncation fails exactly once").hasSize(1);
        assertThat(outcomes.get(0)).isNotNull();
        assertThat(env.fs.list(DIR))
                .as("no segment deleted once the log failed")
                .containsAll(before.stream()
                        .filter(n -> !n.equals(LogMetaCodec.FILE_NAME))
                        .toList());
    }

    @Test
    void fsyncEioFailsEveryOutstandingCallbackAndTheLogIsNeverRetried() {
        MemoryEnv env = new MemoryEnv(8);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 5, 1), cb))).isNull();
        env.fs.failNextFsync(DIR + "/" + SegmentName.openName(1));
        Result first = new Result();
        Result second = new Result();
        Result third = new Result();
        log.append(entries(6, 6, 1), first);
        log.append(entries(7, 7, 1), second); // rides on the next fsync
        log.truncateSuffix(6, third); // a barrier behind them
        long fsyncs = env.fs.stats().fsyncs();
        env.drain();
        for (Result r : List.of(first, second, third)) {
            assertThat(r.count()).isEqualTo(1);
            assertThat(r.error()).isNotNull();
            assertThat(r.error().kind()).isEqualTo(StorageException.Kind.IO);
        }
        assertThat(env.fs.stats().fsyncs()).as("no retry after EIO").isEqualTo(fsyncs + 1);
        assertThatThrownBy(() -> log.append(entries(8, 8, 1), e -> {}))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("refuses further use");
        // the dirty pages were dropped: after a crash entry 6 is gone although the node read it
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(open(env).lastIndex()).isEqualTo(5);
    }

    @Test
    void noSpaceSurfacesThroughTheCallback() {
        MemoryEnv env = new MemoryEnv(9);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 5, 1), cb))).isNull();
        env.fs.setCapacityBytes(env.fs.usedBytes() + 10);
        StorageException err = env.await(cb -> log.append(entries(6, 10, 1), cb));
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.NO_SPACE);
        assertThatThrownBy(log::lastIndex).isInstanceOf(StorageException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void crashDuringTruncateSuffixLeavesEitherTheOldOrTheNewLog(long seed) {
        String repro = "repro: mvn -pl engine test -Dtest=SegmentedLogCrashTest#crashDuringTruncateSuffix* (seed "
                + seed + ")";
        MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withSectorBytes(32), seed);
        SegmentedLog log = open(env);
        for (long i = 1; i <= 80; i += 8) {
            long from = i;
            assertThat(env.await(cb -> log.append(entries(from, from + 7, 1), cb)))
                    .isNull();
        }
        log.truncateSuffix(17, e -> {});
        log.append(entries(18, 30, 2), e -> {});
        // crash after a seeded number of event-loop steps: anywhere inside the truncation or append
        int steps = (int) (seed % 7);
        for (int i = 0; i < steps; i++) {
            env.clock.runNext();
        }
        env.fs.crash(CrashMode.TORN_PREFIX);
        SegmentedLog reopened = open(env);
        List<LogEntry> got = readAll(reopened);
        List<LogEntry> oldLog = entries(1, 80, 1);
        List<LogEntry> newLog = new ArrayList<>(entries(1, 17, 1));
        newLog.addAll(entries(18, 30, 2));
        assertThat(got.subList(0, 17)).as(repro).isEqualTo(oldLog.subList(0, 17));
        boolean isOldPrefix = got.size() <= 80 && got.equals(oldLog.subList(0, got.size()));
        boolean isNewPrefix = got.size() <= 30 && got.equals(newLog.subList(0, got.size()));
        assertThat(isOldPrefix || isNewPrefix)
                .as(repro + ": recovered " + got.size() + " entries")
                .isTrue();
    }

    @Test
    void acknowledgedAppendsInAFreshNestedDirectorySurviveACrash() {
        MemoryEnv env = new MemoryEnv(10);
        SegmentedLog log = SegmentedLog.open(env.fs, "a/b/log", SMALL);
        assertThat(env.await(cb -> log.append(entries(1, 3, 1), cb))).isNull();
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(readAll(SegmentedLog.open(env.fs, "a/b/log", SMALL))).isEqualTo(entries(1, 3, 1));
    }

    @Test
    void aMisdirectedAppendIsCaughtAsCorruptOnRecovery() {
        MemoryEnv env = new MemoryEnv(11);
        SegmentedLog log = open(env);
        assertThat(env.await(cb -> log.append(entries(1, 4, 1), cb))).isNull();
        env.fs.misdirectNextWrite(DIR + "/" + SegmentName.openName(1), 64);
        assertThat(env.await(cb -> log.append(entries(5, 6, 1), cb))).isNull();
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        // the durable file has a zero-filled hole where records 5 and 6 belonged, valid records after it
        assertCorrupt(() -> open(env), "a valid record follows");
    }
}
