package io.raftsim.engine.storage.log;

import static io.raftsim.engine.storage.log.LogFixtures.entries;
import static io.raftsim.engine.storage.log.LogFixtures.entry;
import static io.raftsim.engine.storage.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.testenv.JdkEnv;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import io.raftsim.engine.storage.testenv.StorageEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The segmented log on the in-memory file system and on a real temporary directory alike. */
class SegmentedLogTest {
    private static final String DIR = "node1/log";
    private static final SegmentedLogOptions SMALL = new SegmentedLogOptions(1024);

    @TempDir
    Path tmp;

    private StorageEnv env(String kind) {
        return kind.equals("memory") ? new MemoryEnv(7) : new JdkEnv(tmp);
    }

    private SegmentedLog open(StorageEnv env) {
        return env.call(() -> SegmentedLog.open(env.fs(), DIR, SMALL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void appendsRollOverIntoSegmentsAndSurviveRestart(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            List<LogEntry> all = new ArrayList<>();
            long next = 1;
            for (int batch = 1; batch <= 30; batch++) {
                List<LogEntry> es = entries(next, next + batch % 7, 1 + batch / 10);
                next += es.size();
                all.addAll(es);
                assertThat(env.await(cb -> log.append(es, cb))).isNull();
            }
            assertThat(env.call(() -> readAll(log))).isEqualTo(all);
            List<String> files = env.call(() -> env.fs().list(DIR));
            assertThat(files.stream().filter(f -> f.startsWith("log_0")).count())
                    .as("closed segments in %s", files)
                    .isGreaterThan(2);
            assertThat(files.stream()
                            .filter(f -> f.startsWith("log_inprogress_"))
                            .count())
                    .isEqualTo(1);
            env.run(log::close);

            SegmentedLog reopened = open(env);
            assertThat(env.call(reopened::firstIndex)).isEqualTo(1);
            assertThat(env.call(reopened::lastIndex)).isEqualTo(all.size());
            assertThat(env.call(() -> readAll(reopened))).isEqualTo(all);
            assertThat(reopened.recoveryReport().tornTail()).isNull();
            assertThat(env.call(() -> reopened.termAt(all.size())))
                    .isEqualTo(all.get(all.size() - 1).term());
            assertThat(env.call(() -> reopened.termAt(all.size() + 1))).isZero();
            // appending after recovery continues the same open segment
            assertThat(env.await(cb -> reopened.append(List.of(entry(next(all), 9)), cb)))
                    .isNull();
            env.run(reopened::close);
            SegmentedLog third = open(env);
            assertThat(env.call(third::lastIndex)).isEqualTo(all.size() + 1);
            assertThat(env.call(() -> third.entry(all.size() + 1))).isEqualTo(entry(next(all), 9));
            env.run(third::close);
        }
    }

    private static long next(List<LogEntry> all) {
        return all.get(all.size() - 1).index() + 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void truncateSuffixAcrossSegmentsIsDurable(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.await(cb -> log.append(entries(1, 60, 1), cb))).isNull();
            assertThat(env.await(cb -> log.append(entries(61, 120, 2), cb))).isNull();
            // cut into an early segment, then continue with a new term
            assertThat(env.await(cb -> log.truncateSuffix(23, cb))).isNull();
            assertThat(env.call(log::lastIndex)).isEqualTo(23);
            assertThat(env.await(cb -> log.append(entries(24, 40, 3), cb))).isNull();
            env.run(log::close);

            SegmentedLog reopened = open(env);
            List<LogEntry> expected = new ArrayList<>(entries(1, 23, 1));
            expected.addAll(entries(24, 40, 3));
            assertThat(env.call(() -> readAll(reopened))).isEqualTo(expected);
            env.run(reopened::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void truncatePrefixDeletesWholeSegmentsAndPersistsFirstIndex(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            for (long i = 1; i <= 100; i += 10) {
                long from = i;
                assertThat(env.await(cb -> log.append(entries(from, from + 9, 1), cb)))
                        .isNull();
            }
            int filesBefore = env.call(() -> env.fs().list(DIR)).size();
            assertThat(env.await(cb -> log.truncatePrefix(57, cb))).isNull();
            assertThat(env.call(log::firstIndex)).isEqualTo(57);
            assertThat(env.call(() -> log.entry(56))).isNull();
            assertThat(env.call(() -> env.fs().list(DIR)).stream().filter(f -> f.startsWith("log_0")))
                    .as("closed segments before 57 are gone")
                    .allMatch(f -> Long.parseLong(f.substring(25)) >= 57);
            assertThat(env.call(() -> env.fs().list(DIR)).size()).as("files").isLessThan(filesBefore + 1);
            env.run(log::close);

            SegmentedLog reopened = open(env);
            assertThat(env.call(reopened::firstIndex)).isEqualTo(57);
            assertThat(env.call(() -> readAll(reopened))).isEqualTo(entries(57, 100, 1));
            env.run(reopened::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void resetRestartsTheLogAtTheGivenIndex(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.await(cb -> log.append(entries(1, 50, 1), cb))).isNull();
            assertThat(env.await(cb -> log.reset(500, cb))).isNull();
            assertThat(env.call(log::firstIndex)).isEqualTo(500);
            assertThat(env.call(log::lastIndex)).isEqualTo(499);
            assertThat(env.await(cb -> log.append(entries(500, 510, 4), cb))).isNull();
            env.run(log::close);

            SegmentedLog reopened = open(env);
            assertThat(env.call(() -> readAll(reopened))).isEqualTo(entries(500, 510, 4));
            env.run(reopened::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void alwaysOnInvariantsRejectGapsAndFallingTerms(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.await(cb -> log.append(entries(1, 5, 3), cb))).isNull();
            assertThatThrownBy(() -> env.call(() -> {
                        log.append(List.of(entry(7, 3)), e -> {});
                        return null;
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected index 6, got 7");
            assertThatThrownBy(() -> env.call(() -> {
                        log.append(List.of(entry(6, 2)), e -> {});
                        return null;
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("index 6 has term 2 after term 3");
            env.run(log::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void entriesRespectsTheByteBudgetButReturnsAtLeastOne(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.await(cb -> log.append(entries(1, 20, 1), cb))).isNull();
            List<LogEntry> one = env.call(() -> log.entries(3, 20, 1));
            assertThat(one).containsExactly(entry(3, 1));
            long budget = entry(3, 1).sizeBytes() + entry(4, 1).sizeBytes();
            assertThat(env.call(() -> log.entries(3, 20, budget))).containsExactly(entry(3, 1), entry(4, 1));
            env.run(log::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void aFreshDirectoryIsAnEmptyLogStartingAtOne(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.call(log::firstIndex)).isEqualTo(1);
            assertThat(env.call(log::lastIndex)).isZero();
            assertThat(env.call(() -> log.entry(1))).isNull();
            assertThatThrownBy(() -> env.call(() -> SegmentedLog.open(env.fs(), DIR + "/../x", SMALL)))
                    .isInstanceOf(IllegalArgumentException.class);
            env.run(log::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void restartRecoversFromAPartialRecordAtTheEndOfTheLastSegment(String kind) {
        try (StorageEnv env = env(kind)) {
            SegmentedLog log = open(env);
            assertThat(env.await(cb -> log.append(entries(1, 9, 1), cb))).isNull();
            env.run(log::close);
            // what a crash in the middle of an append leaves: the first frame of a two-frame
            // append, whose second record is cut short at the frame's end
            String file = DIR + "/" + SegmentName.openName(1);
            long size = env.call(() -> {
                try (var h = env.fs().open(file, false)) {
                    return h.size();
                }
            });
            byte[] records = RecordCodec.encode(List.of(entry(10, 1), LogFixtures.bigEntry(11, 1, 700)));
            byte[] framed = FrameCodec.frame(records, 1, size / 512, 512);
            env.run(() -> {
                try (var h = env.fs().open(file, false)) {
                    h.write(size, framed, 0, 512);
                }
            });
            SegmentedLog reopened = open(env);
            assertThat(reopened.recoveryReport().tornTail()).isNotNull();
            assertThat(reopened.recoveryReport().tornTail().reason()).contains("record of index 11 cut short");
            assertThat(env.call(() -> readAll(reopened))).isEqualTo(entries(1, 10, 1));
            env.run(reopened::close);
            SegmentedLog again = open(env);
            assertThat(env.await(cb -> again.truncateSuffix(9, cb))).isNull();
            assertThat(env.await(cb -> again.append(entries(10, 12, 2), cb))).isNull();
            env.run(again::close);
            SegmentedLog third = open(env);
            assertThat(third.recoveryReport().tornTail()).isNull();
            assertThat(env.call(third::lastIndex)).isEqualTo(12);
            env.run(third::close);
        }
    }

    static void assertCorrupt(Runnable r, String fragment) {
        assertThatThrownBy(r::run)
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.CORRUPT));
    }
}
