package io.raftsim.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.log.SegmentedLog;
import io.raftsim.sim.NodeGate;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.disk.CrashMode;
import io.raftsim.sim.disk.DiskConfig;
import io.raftsim.sim.disk.SimDisk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's segmented log running on the simulated disk through the adapter. */
class SimDiskFileSystemTest {
    private final Simulation sim = new Simulation(42);
    private final SimDisk disk = new SimDisk(sim, 0, "n0", DiskConfig.defaults());
    private final NodeGate gate = new NodeGate(sim, 0);
    private final SimDiskFileSystem fs = new SimDiskFileSystem(disk, gate::guard);

    private static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(new LogEntry(i, term, EntryType.DATA, ("e" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void acknowledgedEntriesSurviveACrashAndUnacknowledgedOnesDoNot() {
        SegmentedLog log = SegmentedLog.open(fs, "g/log");
        List<StorageException> acks = new ArrayList<>();
        boolean[] durable = new boolean[1];
        log.append(entries(1, 10, 1), err -> {
            acks.add(err);
            durable[0] = true;
        });
        sim.runFor(1_000_000_000L);
        assertThat(durable[0]).as("fsync completed on the simulation").isTrue();
        assertThat(acks).containsExactly((StorageException) null);

        // Written to the page cache only: the crash comes before any fsync completes.
        log.append(entries(11, 20, 1), err -> acks.add(err));
        assertThat(log.lastIndex()).isEqualTo(20);
        disk.crash(CrashMode.LOSE_UNSYNCED);
        gate.kill();
        gate.restart();

        SegmentedLog recovered = SegmentedLog.open(fs, "g/log");
        assertThat(recovered.lastIndex()).isEqualTo(10);
        assertThat(new String(recovered.entry(10).data(), StandardCharsets.UTF_8))
                .isEqualTo("e10");
        sim.runFor(1_000_000_000L);
        assertThat(acks).as("the dead process's fsync callback never ran").hasSize(1);
    }

    @Test
    void fsyncErrorReachesTheLogAsAnIoStorageException() {
        SegmentedLog log = SegmentedLog.open(fs, "g/log");
        sim.runFor(1_000_000_000L);
        disk.faults().failNextFsyncs(1);
        List<StorageException> errors = new ArrayList<>();
        log.append(entries(1, 3, 1), errors::add);
        sim.runFor(1_000_000_000L);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isNotNull();
        assertThat(errors.get(0).kind()).isEqualTo(StorageException.Kind.IO);
        // Sticky: the log refuses to go on after a failed fsync rather than retrying it.
        assertThatThrownBy(() -> log.append(entries(4, 4, 1), e -> {})).isInstanceOf(StorageException.class);
    }

    @Test
    void completionsOfAPausedNodeWaitForItsResume() {
        SegmentedLog log = SegmentedLog.open(fs, "g/log");
        sim.runFor(1_000_000_000L);
        List<StorageException> acks = new ArrayList<>();
        gate.pause();
        log.append(entries(1, 1, 1), acks::add);
        sim.runFor(1_000_000_000L);
        assertThat(acks).as("held while paused").isEmpty();
        gate.resume();
        sim.runFor(1_000_000_000L);
        assertThat(acks).containsExactly((StorageException) null);
    }

    @Test
    void fullDiskSurfacesAsNoSpace() {
        SegmentedLog log = SegmentedLog.open(fs, "g/log");
        sim.runFor(1_000_000_000L);
        disk.faults().full(true);
        List<StorageException> errors = new ArrayList<>();
        try {
            log.append(entries(1, 1, 1), errors::add);
        } catch (StorageException e) {
            errors.add(e);
        }
        sim.runFor(1_000_000_000L);
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).kind()).isEqualTo(StorageException.Kind.NO_SPACE);
    }

    @Test
    void aWriteCopiesItsInputBeforeReturning() {
        // The log reuses its encode buffers right after write(): the FileHandle contract.
        fs.mkdirs("g");
        io.raftsim.engine.spi.fs.FileHandle h = fs.open("g/f", true);
        byte[] buf = "hello".getBytes(StandardCharsets.UTF_8);
        h.write(0, buf, 0, buf.length);
        java.util.Arrays.fill(buf, (byte) 'X');
        byte[] cached = new byte[5];
        assertThat(h.read(0, cached, 0, 5)).isEqualTo(5);
        assertThat(new String(cached, StandardCharsets.UTF_8)).isEqualTo("hello");
        boolean[] synced = new boolean[1];
        h.fsync(err -> synced[0] = err == null);
        fs.syncDirectory("g", err -> {});
        fs.syncDirectory("", err -> {});
        sim.runFor(1_000_000_000L);
        assertThat(synced[0]).isTrue();
        disk.crash(CrashMode.LOSE_UNSYNCED);
        gate.kill();
        gate.restart();
        byte[] durable = new byte[5];
        assertThat(fs.open("g/f", false).read(0, durable, 0, 5)).isEqualTo(5);
        assertThat(new String(durable, StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
