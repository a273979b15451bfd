package io.raftsim.sim.disk;

import static io.raftsim.sim.disk.DiskFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskFaultsTest {
    @Test
    void afterFsyncEioTheDataIsGoneAlthoughALaterFsyncSucceeds() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "base");
        write(f, 4, "+entry");
        fx.disk.faults().failNextFsyncs(1);
        DiskException first = fx.fsync(f);
        assertThat(first).isNotNull();
        assertThat(first.kind()).isEqualTo(DiskErrorKind.IO);
        assertThat(fx.fsync(f)).as("the retry 'succeeds'").isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("log")).isEqualTo("base");
        assertThat(fx.disk.counters().fsyncErrors()).isEqualTo(1);
    }

    @Test
    void withoutTheFaultTheSameSequenceKeepsTheData() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("log", "base");
        write(f, 4, "+entry");
        assertThat(fx.fsync(f)).isNull();
        fx.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(fx.contentOf("log")).isEqualTo("base+entry");
    }

    @Test
    void probabilisticFsyncErrorsAreSeeded() {
        int[] failures = new int[2];
        for (int k = 0; k < 2; k++) {
            DiskFixture fx = new DiskFixture(11);
            fx.disk.faults().fsyncErrorProbability(0.5);
            SimFile f = fx.disk.open("x", true);
            for (int i = 0; i < 200; i++) {
                write(f, i, "z");
                if (fx.fsync(f) != null) {
                    failures[k]++;
                }
            }
        }
        assertThat(failures[0]).isEqualTo(failures[1]).isBetween(70, 130);
    }

    @Test
    void readErrorRangeFailsOverlappingReadsOnly() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.durableFile("seg", "0123456789");
        fx.disk.faults().addReadError("seg", 4, 2);
        byte[] b = new byte[4];
        assertThat(f.read(0, b, 0, 4)).isEqualTo(4);
        assertThatThrownBy(() -> f.read(3, b, 0, 2))
                .isInstanceOf(DiskException.class)
                .hasMessageContaining("bad range 4+2");
        assertThat(f.read(6, b, 0, 4)).isEqualTo(4);
        fx.disk.faults().clearReadErrors();
        assertThat(f.read(3, b, 0, 2)).isEqualTo(2);
    }

    @Test
    void bitFlipsChangeBytesAtRestAndNothingElse() {
        DiskFixture fx = new DiskFixture(1);
        String content = "a".repeat(1000);
        fx.durableFile("snap", content);
        List<BitFlip> flips = fx.disk.flipBits("snap", 3);
        assertThat(flips).hasSize(3);
        fx.disk.crash(CrashMode.LOSE_UNSYNCED); // the page cache is gone: read from the platter
        byte[] got = DiskFixture.readAll(fx.disk.open("snap", false));
        byte[] expected = content.getBytes(StandardCharsets.UTF_8);
        for (BitFlip flip : flips) {
            expected[(int) flip.offset()] ^= (byte) (1 << flip.bit());
        }
        assertThat(got).isEqualTo(expected).isNotEqualTo(content.getBytes(StandardCharsets.UTF_8));

        DiskFixture clean = new DiskFixture(1);
        clean.durableFile("snap", content);
        clean.disk.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(clean.contentOf("snap")).isEqualTo(content);
    }

    @Test
    void flipRandomBitsPicksDurableFiles() {
        DiskFixture fx = new DiskFixture(2);
        fx.durableFile("a", "x".repeat(100));
        fx.disk.open("not-durable", true);
        List<BitFlip> flips = fx.disk.flipRandomBits(10);
        assertThat(flips).hasSize(10).allSatisfy(f -> assertThat(f.path()).isEqualTo("a"));
    }

    @Test
    void misdirectedWriteLandsElsewhere() {
        DiskFixture fx = new DiskFixture(1);
        SimFile f = fx.disk.open("seg", true);
        f.truncate(8192);
        fx.disk.faults().misdirectedWriteProbability(1.0);
        write(f, 4096, "RECORD");
        byte[] at = new byte[6];
        f.read(4096, at, 0, 6);
        assertThat(new String(at, StandardCharsets.UTF_8)).isNotEqualTo("RECORD");
        String all = new String(DiskFixture.readAll(f), StandardCharsets.ISO_8859_1);
        assertThat(all).contains("RECORD");
        assertThat(all.indexOf("RECORD") % 512).isZero();
        assertThat(fx.disk.counters().misdirectedWrites()).isEqualTo(1);

        fx.disk.faults().misdirectedWriteProbability(0.0);
        write(f, 100, "AIMED");
        f.read(100, at, 0, 5);
        assertThat(new String(at, 0, 5, StandardCharsets.UTF_8)).isEqualTo("AIMED");
    }

    @Test
    void diskFullRefusesWritesThatNeedSpace() {
        DiskFixture fx = new DiskFixture(1, DiskConfig.defaults().withCapacity(100));
        SimFile f = fx.disk.open("log", true);
        write(f, 0, "x".repeat(90));
        assertThatThrownBy(() -> write(f, 90, "y".repeat(20)))
                .isInstanceOf(DiskException.class)
                .satisfies(e -> assertThat(((DiskException) e).kind()).isEqualTo(DiskErrorKind.NO_SPACE));
        assertThat(f.size()).isEqualTo(90);
        write(f, 0, "overwrite-in-place-needs-no-space");
        write(f, 90, "y".repeat(10));
        fx.disk.delete("log");
        assertThat(fx.disk.usedBytes()).isZero();

        SimFile g = fx.disk.open("other", true);
        fx.disk.faults().full(true);
        assertThatThrownBy(() -> write(g, 0, "a")).hasMessageContaining("NO_SPACE");
        fx.disk.faults().full(false);
        write(g, 0, "a");
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void badFaultSettingsFailNamingTheField() {
        DiskFaults faults = new DiskFixture(1).disk.faults();
        assertThatThrownBy(() -> faults.fsyncErrorProbability(1.1)).hasMessageContaining("fsyncErrorProbability");
        assertThatThrownBy(() -> faults.readErrorProbability(-0.1)).hasMessageContaining("readErrorProbability");
        assertThatThrownBy(() -> faults.misdirectedWriteProbability(Double.NaN))
                .hasMessageContaining("misdirectedWriteProbability");
        assertThatThrownBy(() -> faults.tornCrashProbability(2)).hasMessageContaining("tornCrashProbability");
        assertThatThrownBy(() -> faults.addReadError("x", -1, 5)).hasMessageContaining("offset");
        assertThatThrownBy(() -> new DiskLatency(-1, 0, 0, 0)).hasMessageContaining("fsyncBaseNs");
        assertThatThrownBy(() -> new DiskLatency(0, -1, 0, 0)).hasMessageContaining("writebackNsPerKiB");
        assertThatThrownBy(() -> new DiskLatency(0, 0, 0, -3)).hasMessageContaining("readNsPerKiB");
        assertThatThrownBy(() -> new DiskConfig(500, 10, DiskLatency.ssd())).hasMessageContaining("sectorSizeBytes");
        assertThatThrownBy(() -> DiskConfig.defaults().withCapacity(0)).hasMessageContaining("capacityBytes");
    }
}
