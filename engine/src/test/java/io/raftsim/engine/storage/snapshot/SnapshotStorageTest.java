package io.raftsim.engine.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.spi.fs.memory.CrashMode;
import io.raftsim.engine.storage.testenv.JdkEnv;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import io.raftsim.engine.storage.testenv.StorageEnv;
import io.raftsim.engine.storage.testenv.StorageEnv.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotStorageTest {
    private static final String DIR = "n1/snapshot";
    private static final byte[] CONF = "n1,n2,n3".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private StorageEnv env(String kind) {
        return kind.equals("memory") ? new MemoryEnv(21) : new JdkEnv(tmp);
    }

    private static byte[] data(String s, int repeat) {
        return s.repeat(repeat).getBytes(StandardCharsets.UTF_8);
    }

    private static StorageException save(StorageEnv env, SnapshotStorage storage, long index, String tag) {
        return env.await(cb -> {
            SnapshotWriter w = storage.create();
            w.writeFile("state", data(tag + "-state;", 50));
            w.writeFile("index", data(tag, 3));
            w.commit(index, 2, CONF, cb);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void committedSnapshotIsTheLatestAfterRestartAndOlderOnesAreDeleted(String kind) {
        try (StorageEnv env = env(kind)) {
            SnapshotStorage storage = env.call(() -> SnapshotStorage.open(env.fs(), DIR));
            assertThat(env.call(storage::latest)).isEmpty();
            assertThat(save(env, storage, 10, "a")).isNull();
            assertThat(save(env, storage, 25, "b")).isNull();
            assertThat(env.call(() -> env.fs().list(DIR))).containsExactly("snapshot_00000000000000000025");

            SnapshotStorage reopened = env.call(() -> SnapshotStorage.open(env.fs(), DIR));
            SnapshotMeta meta = env.call(reopened::latest).orElseThrow();
            assertThat(meta.lastIncludedIndex()).isEqualTo(25);
            assertThat(meta.lastIncludedTerm()).isEqualTo(2);
            assertThat(meta.configuration()).isEqualTo(CONF);
            assertThat(meta.files()).extracting(SnapshotFileInfo::name).containsExactly("state", "index");
            SnapshotReader r = env.call(reopened::openLatest).orElseThrow();
            assertThat(env.call(() -> r.readFile("state"))).isEqualTo(data("b-state;", 50));
            assertThat(env.call(() -> r.readFile("index"))).isEqualTo(data("b", 3));
            assertThat(reopened.isStale(25)).isTrue();
            assertThat(reopened.isStale(26)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void chunkedCopyToAFollowerVerifiesAndInstalls(String kind) {
        try (StorageEnv env = env(kind)) {
            SnapshotStorage leader = env.call(() -> SnapshotStorage.open(env.fs(), "leader/snapshot"));
            assertThat(save(env, leader, 40, "L")).isNull();
            SnapshotReader src = env.call(leader::openLatest).orElseThrow();
            SnapshotStorage follower = env.call(() -> SnapshotStorage.open(env.fs(), "follower/snapshot"));
            SnapshotCopier copier = env.call(() -> follower.beginCopy(src.meta()));
            int chunks = env.call(() -> {
                int n = 0;
                for (String f = copier.nextFile(); f != null; f = copier.nextFile()) {
                    SnapshotChunk c = src.readChunk(f, copier.nextOffset(f), 7);
                    assertThat(c.data().length).isLessThanOrEqualTo(7);
                    copier.writeChunk(c);
                    copier.writeChunk(c); // a retransmission is harmless
                    n++;
                }
                return n;
            });
            assertThat(chunks).isEqualTo((400 + 6) / 7 + 1);
            assertThat(env.await(copier::finish)).isNull();
            SnapshotReader installed = env.call(follower::openLatest).orElseThrow();
            assertThat(installed.meta()).isEqualTo(src.meta());
            assertThat(env.call(() -> installed.readFile("state"))).isEqualTo(data("L-state;", 50));
            assertThatThrownBy(() -> env.call(() -> follower.beginCopy(src.meta())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stale snapshot refused");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdk"})
    void aCorruptedTransferFailsItsChecksumAndInstallsNothing(String kind) {
        try (StorageEnv env = env(kind)) {
            SnapshotStorage leader = env.call(() -> SnapshotStorage.open(env.fs(), "leader/snapshot"));
            assertThat(save(env, leader, 40, "L")).isNull();
            SnapshotReader src = env.call(leader::openLatest).orElseThrow();
            SnapshotStorage follower = env.call(() -> SnapshotStorage.open(env.fs(), "follower/snapshot"));
            SnapshotCopier copier = env.call(() -> follower.beginCopy(src.meta()));
            env.run(() -> {
                for (String f = copier.nextFile(); f != null; f = copier.nextFile()) {
                    SnapshotChunk c = src.readChunk(f, copier.nextOffset(f), 64);
                    byte[] bytes = c.data().clone();
                    if (c.offset() == 64 && f.equals("state")) {
                        bytes[3] ^= 0x01; // flipped in flight
                    }
                    copier.writeChunk(new SnapshotChunk(f, c.offset(), bytes, c.lastChunk()));
                }
            });
            StorageException err = env.await(copier::finish);
            assertThat(err).isNotNull();
            assertThat(err.kind()).isEqualTo(StorageException.Kind.CORRUPT);
            assertThat(err).hasMessageContaining("state");
            assertThat(env.call(follower::latest)).isEmpty();
            assertThat(env.call(() -> env.fs().list("follower/snapshot"))).isEmpty();
        }
    }

    @Test
    void bitRotInAStoredSnapshotFileIsCorruptOnRead() {
        MemoryEnv env = new MemoryEnv(22);
        SnapshotStorage storage = SnapshotStorage.open(env.fs, DIR);
        assertThat(save(env, storage, 7, "x")).isNull();
        env.fs.flipBit(DIR + "/snapshot_00000000000000000007/state", 17, 2);
        SnapshotReader r = SnapshotStorage.open(env.fs, DIR).openLatest().orElseThrow();
        assertThatThrownBy(() -> r.readFile("state"))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.CORRUPT));
        assertThat(r.readFile("index")).isEqualTo(data("x", 3));
    }

    @Test
    void corruptMetaOfTheLatestSnapshotIsCorruptOnOpen() {
        MemoryEnv env = new MemoryEnv(23);
        SnapshotStorage storage = SnapshotStorage.open(env.fs, DIR);
        assertThat(save(env, storage, 7, "x")).isNull();
        env.fs.flipBit(DIR + "/snapshot_00000000000000000007/" + SnapshotMeta.META_FILE, 9, 1);
        assertThatThrownBy(() -> SnapshotStorage.open(env.fs, DIR))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("checksum mismatch");
    }

    /** A crash at every step of a commit leaves the old snapshot or the new one, complete. */
    @Test
    void commitIsCrashAtomicAtEveryStep() {
        for (int steps = 0; steps < 14; steps++) {
            for (CrashMode mode : CrashMode.values()) {
                MemoryEnv env = new MemoryEnv(steps * 7L + mode.ordinal());
                SnapshotStorage storage = SnapshotStorage.open(env.fs, DIR);
                assertThat(save(env, storage, 10, "old")).isNull();
                Result r = new Result();
                SnapshotWriter w = storage.create();
                w.writeFile("state", data("new-state;", 50));
                w.writeFile("index", data("new", 3));
                w.commit(20, 3, CONF, r);
                for (int i = 0; i < steps; i++) {
                    env.clock.runNext();
                }
                env.fs.crash(mode);
                String where = "crash after " + steps + " steps, " + mode + ", acknowledged=" + r.fired();
                SnapshotStorage after = SnapshotStorage.open(env.fs, DIR);
                SnapshotReader reader = after.openLatest().orElseThrow();
                long index = reader.meta().lastIncludedIndex();
                assertThat(index).as(where).isIn(10L, 20L);
                String tag = index == 10 ? "old" : "new";
                assertThat(reader.readFile("state")).as(where).isEqualTo(data(tag + "-state;", 50));
                assertThat(reader.readFile("index")).as(where).isEqualTo(data(tag, 3));
                if (r.fired()) {
                    assertThat(r.error()).as(where).isNull();
                    assertThat(index).as(where).isEqualTo(20);
                }
                assertThat(env.fs.list(DIR)).as(where).hasSize(1).doesNotContain(SnapshotStorage.TEMP_DIR);
            }
        }
    }

    @Test
    void fsyncFailureFailsTheCommitAndTheStorage() {
        MemoryEnv env = new MemoryEnv(24);
        SnapshotStorage storage = SnapshotStorage.open(env.fs, DIR);
        SnapshotWriter w = storage.create();
        w.writeFile("state", data("s", 10));
        env.fs.failNextFsync(DIR + "/temp/state");
        StorageException err = env.await(cb -> w.commit(5, 1, CONF, cb));
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.IO);
        assertThatThrownBy(storage::create).isInstanceOf(StorageException.class);
        assertThat(SnapshotStorage.open(env.fs, DIR).latest()).isEmpty();
    }

    @Test
    void fileNamesAreValidated() {
        MemoryEnv env = new MemoryEnv(25);
        SnapshotWriter w = SnapshotStorage.open(env.fs, DIR).create();
        for (String bad : List.of("", "a/b", "..", SnapshotMeta.META_FILE)) {
            assertThatThrownBy(() -> w.writeFile(bad, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
