package io.raftsim.engine.spi.fs.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import io.raftsim.engine.storage.testenv.StorageEnv.Result;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MemoryFileSystemTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String content(MemoryFileSystem fs, String path) {
        try (FileHandle h = fs.open(path, false)) {
            byte[] b = new byte[(int) h.size()];
            int n = h.read(0, b, 0, b.length);
            return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.UTF_8);
        }
    }

    private static void write(FileHandle h, long offset, String s) {
        byte[] b = bytes(s);
        h.write(offset, b, 0, b.length);
    }

    private static MemoryEnv withDurableFile(String dir, String name, String text) {
        MemoryEnv env = new MemoryEnv(1);
        env.fs.mkdirs(dir);
        FileHandle h = env.fs.open(dir + "/" + name, true);
        write(h, 0, text);
        assertThat(env.await(h::fsync)).isNull();
        assertThat(env.await(cb -> env.fs.syncDirectory(dir, cb))).isNull();
        assertThat(env.await(cb -> env.fs.syncDirectory("", cb))).isNull();
        h.close();
        return env;
    }

    @Test
    void fsyncedDataInASyncedDirectorySurvivesACrash() {
        MemoryEnv env = withDurableFile("d", "f", "hello");
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).isEqualTo("hello");
        assertThat(env.fs.stats().crashes()).isEqualTo(1);
    }

    @Test
    void aNewFileIsLostWithoutADirectorySyncEvenIfItsDataWasSynced() {
        MemoryEnv env = withDurableFile("d", "f", "hello");
        FileHandle g = env.fs.open("d/g", true);
        write(g, 0, "data");
        assertThat(env.await(g::fsync)).isNull();
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(env.fs.exists("d/g")).isFalse();
        assertThat(env.fs.list("d")).containsExactly("f");
    }

    @Test
    void unsyncedWritesAreLostAndAHandleFromBeforeTheCrashIsDead() {
        MemoryEnv env = withDurableFile("d", "f", "hello");
        FileHandle h = env.fs.open("d/f", false);
        write(h, 0, "HELLO, world");
        assertThat(content(env.fs, "d/f")).as("the page cache serves reads").isEqualTo("HELLO, world");
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).isEqualTo("hello");
        assertThatThrownBy(h::size).isInstanceOf(IllegalStateException.class).hasMessageContaining("before a crash");
    }

    @Test
    void anFsyncCoversOnlyWritesIssuedBeforeIt() {
        MemoryEnv env = withDurableFile("d", "f", "");
        FileHandle h = env.fs.open("d/f", false);
        write(h, 0, "aaaa");
        Result r = new Result();
        h.fsync(r);
        write(h, 4, "bbbb");
        env.drain();
        assertThat(r.fired()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(env.fs.durableSize("d/f")).isEqualTo(4);
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).isEqualTo("aaaa");
    }

    @Test
    void fsyncCompletesAfterTheConfiguredLatencyOnTheClock() {
        MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withFsyncLatencyNanos(5_000), 1);
        FileHandle h = env.fs.open("f", true);
        write(h, 0, "x");
        Result r = new Result();
        h.fsync(r);
        assertThat(r.fired()).isFalse();
        env.drain();
        assertThat(r.fired()).isTrue();
        assertThat(env.clock.nowNanos()).isEqualTo(5_000);
    }

    @Test
    void renameAndDeleteAreDurableOnlyAfterTheDirectorySync() {
        MemoryEnv env = withDurableFile("d", "f", "old");
        FileHandle t = env.fs.open("d/t", true);
        write(t, 0, "new");
        assertThat(env.await(t::fsync)).isNull();
        env.fs.rename("d/t", "d/f");
        assertThat(content(env.fs, "d/f")).isEqualTo("new");
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).as("rename not durable yet").isEqualTo("old");

        FileHandle t2 = env.fs.open("d/t", true);
        write(t2, 0, "new");
        assertThat(env.await(t2::fsync)).isNull();
        env.fs.rename("d/t", "d/f");
        assertThat(env.await(cb -> env.fs.syncDirectory("d", cb))).isNull();
        env.fs.delete("d/f");
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).as("rename durable, delete not").isEqualTo("new");
        assertThat(env.fs.list("d")).containsExactly("f");
    }

    @Test
    void aTornCrashKeepsASectorAlignedPrefixOfTheUnsyncedWrites() {
        Set<String> outcomes = new TreeSet<>();
        for (long seed = 1; seed <= 60; seed++) {
            MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withSectorBytes(4), seed);
            env.fs.mkdirs("d");
            FileHandle h = env.fs.open("d/f", true);
            assertThat(env.await(cb -> env.fs.syncDirectory("d", cb))).isNull();
            assertThat(env.await(cb -> env.fs.syncDirectory("", cb))).isNull();
            write(h, 0, "0123456789");
            write(h, 10, "abcdef");
            env.fs.crash(CrashMode.TORN_PREFIX);
            String got = content(env.fs, "d/f");
            assertThat(Set.of("", "0123", "01234567", "0123456789", "0123456789ab", "0123456789abcdef"))
                    .as("seed %d left '%s'", seed, got)
                    .contains(got);
            outcomes.add(got);
        }
        assertThat(outcomes).as("the seed chooses how much survives").hasSizeGreaterThan(3);
    }

    @Test
    void theSameSeedTearsTheSameWay() {
        String[] results = new String[2];
        for (int run = 0; run < 2; run++) {
            MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withSectorBytes(2), 99);
            FileHandle h = env.fs.open("f", true);
            assertThat(env.await(cb -> env.fs.syncDirectory("", cb))).isNull();
            write(h, 0, "abcdefghijklmnopqrstuvwxyz");
            env.fs.crash(CrashMode.TORN_PREFIX);
            results[run] = content(env.fs, "f");
        }
        assertThat(results[0]).isEqualTo(results[1]);
    }

    @Test
    void fsyncEioDropsTheDirtyPagesSoALaterFsyncSucceedsWithTheDataGone() {
        MemoryEnv env = withDurableFile("d", "f", "old!");
        FileHandle h = env.fs.open("d/f", false);
        write(h, 0, "new!");
        env.fs.failNextFsync("d/f");
        StorageException err = env.await(h::fsync);
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.IO);
        assertThat(env.await(h::fsync)).as("the retry 'succeeds'").isNull();
        assertThat(content(env.fs, "d/f")).as("the cache still shows the write").isEqualTo("new!");
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).as("but it never reached the disk").isEqualTo("old!");
    }

    @Test
    void directorySyncCanFail() {
        MemoryEnv env = withDurableFile("d", "f", "x");
        env.fs.failNextFsync("d");
        StorageException err = env.await(cb -> env.fs.syncDirectory("d", cb));
        assertThat(err).isNotNull();
        assertThat(err.kind()).isEqualTo(StorageException.Kind.IO);
    }

    @Test
    void readErrorsHitOnlyTheirRange() {
        MemoryEnv env = withDurableFile("d", "f", "0123456789");
        env.fs.injectReadError("d/f", 4, 2);
        try (FileHandle h = env.fs.open("d/f", false)) {
            byte[] b = new byte[4];
            assertThat(h.read(0, b, 0, 4)).isEqualTo(4);
            assertThatThrownBy(() -> h.read(3, b, 0, 2))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("[4, 6)");
            assertThat(h.read(6, b, 0, 4)).isEqualTo(4);
        }
        env.fs.clearReadErrors("d/f");
        assertThat(content(env.fs, "d/f")).isEqualTo("0123456789");
    }

    @Test
    void bitFlipsPersistAcrossCrashes() {
        MemoryEnv env = withDurableFile("d", "f", "AAAA");
        env.fs.flipBit("d/f", 2, 0);
        env.fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(content(env.fs, "d/f")).isEqualTo("AA@A");
        long at = env.fs.flipRandomBit("d/f");
        assertThat(at).isBetween(0L, 3L);
        assertThat(content(env.fs, "d/f")).isNotEqualTo("AA@A");
    }

    @Test
    void writesBeyondCapacityFailWithNoSpaceAndChangeNothing() {
        MemoryEnv env = new MemoryEnv(MemoryFsOptions.DEFAULT.withCapacityBytes(10), 1);
        FileHandle h = env.fs.open("f", true);
        write(h, 0, "12345678");
        assertThatThrownBy(() -> write(h, 8, "abc"))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.NO_SPACE));
        assertThat(content(env.fs, "f")).isEqualTo("12345678");
        write(h, 0, "abcdefgh"); // overwriting in place needs no space
        env.fs.setCapacityBytes(100);
        write(h, 8, "abc");
        assertThat(env.fs.usedBytes()).isEqualTo(11);
    }

    @Test
    void namespaceBasics() {
        MemoryEnv env = new MemoryEnv(1);
        env.fs.mkdirs("a/b");
        env.fs.open("a/b/z", true).close();
        env.fs.open("a/b/y", true).close();
        assertThat(env.fs.list("a/b")).containsExactly("y", "z");
        assertThat(env.fs.list("nope")).isEmpty();
        assertThatThrownBy(() -> env.fs.open("a/c/x", true))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("parent directory missing");
        assertThatThrownBy(() -> env.fs.open("a/b/none", false)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> env.fs.delete("a/b")).hasMessageContaining("not empty");
        assertThatThrownBy(() -> env.fs.open("/abs", true)).isInstanceOf(IllegalArgumentException.class);
        env.fs.rename("a/b", "a/c");
        assertThat(env.fs.list("a/c")).containsExactly("y", "z");
        env.fs.delete("a/c/y");
        env.fs.delete("a/c/y"); // absent is not an error
        assertThat(Arrays.asList(env.fs.exists("a/c/z"), env.fs.exists("a/b"))).containsExactly(true, false);
    }

    @Test
    void aWriteCopiesItsInputBeforeReturning() {
        // The log reuses its encode buffers right after write(): the FileHandle contract.
        MemoryEnv env = new MemoryEnv(1);
        env.fs.mkdirs("d");
        FileHandle h = env.fs.open("d/f", true);
        byte[] buf = bytes("hello");
        h.write(0, buf, 0, buf.length);
        Arrays.fill(buf, (byte) 'X');
        assertThat(env.await(h::fsync)).isNull();
        h.close();
        assertThat(content(env.fs, "d/f")).isEqualTo("hello");
    }
}
