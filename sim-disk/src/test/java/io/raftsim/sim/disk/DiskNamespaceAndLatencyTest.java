package io.raftsim.sim.disk;

import static io.raftsim.sim.disk.DiskFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskNamespaceAndLatencyTest {
    @Test
    void namespaceOperationsBehaveLikePosix() {
        DiskFixture fx = new DiskFixture(1);
        fx.disk.mkdirs("a/b/c");
        assertThat(fx.disk.exists("a/b")).isTrue();
        fx.disk.open("a/b/z", true);
        fx.disk.open("/a/b/y", true);
        assertThat(fx.disk.list("a/b")).containsExactly("c", "y", "z");
        assertThat(fx.disk.list("missing")).isEmpty();
        assertThatThrownBy(() -> fx.disk.open("a/b/x", false))
                .satisfies(e -> assertThat(((DiskException) e).kind()).isEqualTo(DiskErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> fx.disk.open("nodir/x", true))
                .satisfies(e -> assertThat(((DiskException) e).kind()).isEqualTo(DiskErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> fx.disk.delete("a/b")).hasMessageContaining("not empty");
        assertThatThrownBy(() -> fx.disk.open("a/b", true)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> fx.disk.rename("a", "a/b/c/d")).hasMessageContaining("into itself");
        fx.disk.rename("a/b/y", "a/y2");
        assertThat(fx.disk.list("a")).containsExactly("b", "y2");
        fx.disk.delete("a/b/c");
        fx.disk.delete("never-existed");
        assertThat(fx.disk.list("a/b")).containsExactly("z");
    }

    @Test
    void fsyncCompletesAfterBasePlusWritebackAndTheDeviceIsFifo() {
        DiskLatency lat = new DiskLatency(1_000_000, 1_000, 500_000, 0);
        DiskFixture fx = new DiskFixture(1, DiskConfig.defaults().withLatency(lat));
        SimFile f = fx.disk.open("log", true);
        write(f, 0, new byte[4096]);
        List<Long> done = new ArrayList<>();
        f.fsync(e -> done.add(fx.sim.nowNs()));
        f.fsync(e -> done.add(fx.sim.nowNs()));
        fx.sim.runUntil(Long.MAX_VALUE);
        // 1 ms + 4 KiB * 1 us; the second queues behind the first and has nothing dirty.
        assertThat(done).containsExactly(1_004_000L, 2_004_000L);
    }

    @Test
    void readsKeepTheDeviceBusySoTheNextSyncCompletesLater() {
        DiskLatency lat = new DiskLatency(1_000_000, 0, 0, 1_000);
        long[] done = new long[2];
        for (int k = 0; k < 2; k++) {
            DiskFixture fx = new DiskFixture(1, DiskConfig.defaults().withLatency(lat));
            SimFile f = fx.disk.open("log", true);
            write(f, 0, new byte[64 * 1024]);
            if (k == 1) {
                f.read(0, new byte[64 * 1024], 0, 64 * 1024);
            }
            int slot = k;
            f.fsync(e -> done[slot] = fx.sim.nowNs());
            fx.sim.runUntil(Long.MAX_VALUE);
        }
        assertThat(done[0]).isEqualTo(1_000_000L);
        assertThat(done[1]).isEqualTo(1_000_000L + 64 * 1_000L);
    }

    @Test
    void batchingWritesUnderOneFsyncIsFasterThanAnFsyncPerWrite() {
        long batched = timeToPersist(100, true);
        long unbatched = timeToPersist(100, false);
        assertThat(batched * 10).isLessThan(unbatched);
    }

    private static long timeToPersist(int records, boolean batch) {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.disk.open("log", true);
        for (int i = 0; i < records; i++) {
            write(f, i * 100L, new byte[100]);
            if (!batch) {
                f.fsync(e -> {});
            }
        }
        if (batch) {
            f.fsync(e -> {});
        }
        fx.sim.runUntil(Long.MAX_VALUE);
        return fx.sim.nowNs();
    }

    @Test
    void syncOfAMissingDirectoryReportsNotFoundThroughTheCallback() {
        DiskFixture fx = new DiskFixture(1);
        DiskException e = fx.syncDir("nope");
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DiskErrorKind.NOT_FOUND);
    }

    @Test
    void truncateIsDurableOnlyAfterFsync() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "0123456789");
        f.truncate(4);
        assertThat(f.size()).isEqualTo(4);
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        SimFile g = fx.disk.open("log", false);
        assertThat(g.size()).isEqualTo(10);
        g.truncate(4);
        assertThat(fx.fsync(g)).isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("log")).isEqualTo("0123");
    }
}
