package io.raftsim.sim.disk;

import static io.raftsim.sim.disk.DiskFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrashDurabilityTest {
    @Test
    void syncedDataSurvivesACrashAndUnsyncedDataDoesNot() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "synced");
        write(f, 6, "+unsynced");
        assertThat(fx.contentOf("log")).isEqualTo("synced+unsynced");
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("log")).isEqualTo("synced");
    }

    @Test
    void fsyncedFileWhoseDirectoryWasNotSyncedIsGoneAfterACrash() {
        DiskFixture fx = new DiskFixture(1);
        fx.disk.mkdirs("data");
        assertThat(fx.syncDir("")).isNull();
        SimFile f = fx.disk.open("data/meta", true);
        write(f, 0, "term=3");
        assertThat(fx.fsync(f)).isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.disk.exists("data/meta")).isFalse();
        assertThat(fx.disk.exists("data")).isTrue();

        SimFile g = fx.disk.open("data/meta", true);
        write(g, 0, "term=3");
        assertThat(fx.fsync(g)).isNull();
        assertThat(fx.syncDir("data")).isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("data/meta")).isEqualTo("term=3");
    }

    @Test
    void renameAndDeleteAreDurableOnlyAfterTheDirectorySync() {
        DiskFixture fx = new DiskFixture(1);
        fx.durableFile("meta", "old");
        fx.durableFile("meta.tmp", "new");
        fx.disk.rename("meta.tmp", "meta");
        assertThat(fx.contentOf("meta")).isEqualTo("new");
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("meta")).isEqualTo("old");
        assertThat(fx.disk.list("")).containsExactly("meta", "meta.tmp");

        fx.disk.rename("meta.tmp", "meta");
        fx.disk.delete("gone-anyway");
        assertThat(fx.syncDir("")).isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("meta")).isEqualTo("new");
        assertThat(fx.disk.list("")).containsExactly("meta");

        fx.disk.delete("meta");
        assertThat(fx.disk.exists("meta")).isFalse();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.disk.exists("meta")).isTrue();
    }

    @Test
    void aCrashKillsPendingSyncsAndOpenHandles() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "a");
        write(f, 1, "b");
        boolean[] called = {false};
        f.fsync(e -> called[0] = true);
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        fx.sim.runUntil(Long.MAX_VALUE);
        assertThat(called[0]).isFalse();
        assertThat(fx.contentOf("log")).isEqualTo("a");
        assertThatThrownBy(() -> f.size()).isInstanceOf(DiskException.class).hasMessageContaining("before a crash");
    }

    @Test
    void writesAfterAnFsyncWasIssuedAreNotMadeDurableByIt() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "");
        write(f, 0, "first");
        boolean[] ok = {false};
        f.fsync(e -> ok[0] = e == null);
        write(f, 5, "second");
        fx.sim.runUntil(Long.MAX_VALUE);
        assertThat(ok[0]).isTrue();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("log")).isEqualTo("first");
    }

    @Test
    void tornPrefixKeepsUnsyncedSectorsInOrderUpToACut() {
        int sector = 512;
        byte[] fresh = new byte[8 * sector];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = (byte) (1 + i / sector);
        }
        boolean sawPartial = false;
        for (long seed = 0; seed < 20; seed++) {
            DiskFixture fx = new DiskFixture(seed);
            SimFile f = fx.durableFile("seg", "");
            write(f, 0, fresh);
            fx.disk.crash(CrashMode.TORN_PREFIX);
            byte[] got = DiskFixture.readAll(fx.disk.open("seg", false));
            assertThat(got.length % sector)
                    .as("seed %d: torn at a sector boundary", seed)
                    .isZero();
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).as("seed %d byte %d", seed, i).isEqualTo(fresh[i]);
            }
            sawPartial |= got.length > 0 && got.length < fresh.length;
        }
        assertThat(sawPartial).as("some seed tears the write in the middle").isTrue();
    }

    @Test
    void tornAnyOrderKeepsAnySubsetOfSectorsEachOldOrNew() {
        int sector = 512;
        byte[] fresh = new byte[8 * sector];
        java.util.Arrays.fill(fresh, (byte) 7);
        boolean sawHole = false;
        for (long seed = 0; seed < 20; seed++) {
            DiskFixture fx = new DiskFixture(seed);
            SimFile f =
                    fx.durableFile("seg", new String(new byte[8 * sector], java.nio.charset.StandardCharsets.UTF_8));
            write(f, 0, fresh);
            fx.disk.crash(CrashMode.TORN_ANY_ORDER);
            byte[] got = DiskFixture.readAll(fx.disk.open("seg", false));
            assertThat(got).hasSize(8 * sector);
            boolean seenOld = false;
            for (int s = 0; s < 8; s++) {
                byte first = got[s * sector];
                assertThat(first).isIn((byte) 0, (byte) 7);
                for (int i = 0; i < sector; i++) {
                    assertThat(got[s * sector + i])
                            .as("seed %d: sector %d is whole", seed, s)
                            .isEqualTo(first);
                }
                if (first == 0) {
                    seenOld = true;
                } else if (seenOld) {
                    sawHole = true; // a newer sector after an old one: not a prefix
                }
            }
        }
        assertThat(sawHole).as("some seed persists sectors out of order").isTrue();
    }

    @Test
    void crashModeIsDrawnFromTheSeedWhenTornCrashesAreSwitchedOn() {
        DiskFixture off = new DiskFixture(3);
        assertThat(off.disk.crash()).isEqualTo(CrashMode.LOSE_UNSYNCED);
        DiskFixture on = new DiskFixture(3);
        on.disk.faults().tornCrashProbability(1.0);
        assertThat(on.disk.crash()).isNotEqualTo(CrashMode.LOSE_UNSYNCED);
    }
}
