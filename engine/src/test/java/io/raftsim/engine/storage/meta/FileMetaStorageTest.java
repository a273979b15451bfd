package io.raftsim.engine.storage.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.storage.testenv.JdkEnv;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import io.raftsim.engine.storage.testenv.StorageEnv;
import io.raftsim.engine.storage.testenv.StorageEnv.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileMetaStorageTest {
    private static final String DIR = "node1/meta";
    private static final RaftMeta OLD = new RaftMeta(3, PeerId.parse("n2:1"));
    private static final RaftMeta NEW = new RaftMeta(4, PeerId.of("n1"));

    @TempDir
    Path tmp;

    private StorageEnv env(String kind) {
        return kind.equals("memory") ? new MemoryEnv(11) : new JdkEnv(tmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void savedMetaSurvivesRestart(String kind) {
        try (StorageEnv env = env(kind)) {
            FileMetaStorage meta = env.call(() -> FileMetaStorage.open(env.fs(), DIR));
            assertThat(meta.load()).isEqualTo(RaftMeta.INITIAL);
            assertThat(env.await(cb -> meta.save(OLD, cb))).isNull();
            assertThat(env.await(cb -> meta.save(new RaftMeta(4, null), cb))).isNull();
            assertThat(env.await(cb -> meta.save(NEW, cb))).isNull();
            assertThat(meta.load()).isEqualTo(NEW);
            assertThat(env.call(() -> FileMetaStorage.open(env.fs(), DIR).load()))
                    .isEqualTo(NEW);
            assertThat(env.call(() -> env.fs().list(DIR))).containsExactly(FileMetaStorage.FILE_NAME);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void queuedSavesCompleteInOrderAndTheLastWins(String kind) {
        try (StorageEnv env = env(kind)) {
            FileMetaStorage meta = env.call(() -> FileMetaStorage.open(env.fs(), DIR));
            List<Long> order = new ArrayList<>();
            StorageException err = env.await(last -> {
                for (long t = 1; t <= 5; t++) {
                    long term = t;
                    meta.save(new RaftMeta(term, null), e -> order.add(e == null ? term : -term));
                }
                meta.save(NEW, last);
            });
            assertThat(err).isNull();
            assertThat(order).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(env.call(() -> FileMetaStorage.open(env.fs(), DIR).load()))
                    .isEqualTo(NEW);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void leftoverTempFileIsTolerated(String kind) {
        try (StorageEnv env = env(kind)) {
            FileMetaStorage meta = env.call(() -> FileMetaStorage.open(env.fs(), DIR));
            assertThat(env.await(cb -> meta.save(OLD, cb))).isNull();
            env.run(() -> {
                try (FileHandle h = env.fs().open(DIR + "/" + AtomicFile.tempName(FileMetaStorage.FILE_NAME), true)) {
                    byte[] junk = "half-written".getBytes(StandardCharsets.UTF_8);
                    h.write(0, junk, 0, junk.length);
                }
            });
            assertThat(env.call(() -> FileMetaStorage.open(env.fs(), DIR).load()))
                    .isEqualTo(OLD);
            assertThat(env.call(() -> env.fs().list(DIR))).containsExactly(FileMetaStorage.FILE_NAME);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void corruptMetaIsACorruptError(String kind) {
        try (StorageEnv env = env(kind)) {
            FileMetaStorage meta = env.call(() -> FileMetaStorage.open(env.fs(), DIR));
            assertThat(env.await(cb -> meta.save(OLD, cb))).isNull();
            env.run(() -> {
                try (FileHandle h = env.fs().open(DIR + "/" + FileMetaStorage.FILE_NAME, false)) {
                    byte[] b = new byte[1];
                    h.read(7, b, 0, 1);
                    b[0] ^= 0x10; // a term byte
                    h.write(7, b, 0, 1);
                }
            });
            assertThatThrownBy(() -> env.call(() -> FileMetaStorage.open(env.fs(), DIR)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("checksum mismatch")
                    .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.CORRUPT));
        }
    }

    /** A crash at every step of a save leaves the old meta or the new one, and the new one once acknowledged. */
    @Test
    void saveIsCrashAtomicAtEveryStep() {
        for (int steps = 0; steps < 8; steps++) {
            for (CrashMode mode : CrashMode.values()) {
                MemoryEnv env = new MemoryEnv(steps * 31L + mode.ordinal());
                FileMetaStorage meta = FileMetaStorage.open(env.fs, DIR);
                assertThat(env.await(cb -> meta.save(OLD, cb))).isNull();
                Result r = new Result();
                meta.save(NEW, r);
                for (int i = 0; i < steps; i++) {
                    env.clock.runNext();
                }
                env.fs.crash(mode);
                RaftMeta after = FileMetaStorage.open(env.fs, DIR).load();
                String where = "crash after " + steps + " steps, " + mode + ", acknowledged=" + r.fired();
                assertThat(after).as(where).isIn(OLD, NEW);
                if (r.fired()) {
                    assertThat(after).as(where).isEqualTo(NEW);
                }
                if (steps == 0) {
                    assertThat(after)
                            .as(where + ": before the temp file's fsync the old meta stays")
                            .isEqualTo(OLD);
                }
            }
        }
    }

    @Test
    void failedFsyncFailsTheSaveAndEveryLaterOne() {
        MemoryEnv env = new MemoryEnv(12);
        FileMetaStorage meta = FileMetaStorage.open(env.fs, DIR);
        assertThat(env.await(cb -> meta.save(OLD, cb))).isNull();
        env.fs.failNextFsync(DIR);
        StorageException err = env.await(cb -> meta.save(NEW, cb));
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.IO);
        assertThat(meta.load()).as("load reports the last durable meta").isEqualTo(OLD);
        assertThatThrownBy(() -> meta.save(NEW, e -> {})).isInstanceOf(StorageException.class);
    }

    @Test
    void noSpaceSurfaces() {
        MemoryEnv env = new MemoryEnv(13);
        FileMetaStorage meta = FileMetaStorage.open(env.fs, DIR);
        env.fs.setCapacityBytes(8);
        StorageException err = env.await(cb -> meta.save(NEW, cb));
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.NO_SPACE);
    }
}
