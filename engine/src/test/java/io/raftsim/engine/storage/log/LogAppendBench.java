package io.raftsim.engine.storage.log;

import io.raftsim.engine.runtime.jdk.JdkClock;
import io.raftsim.engine.runtime.jdk.JdkFileSystem;
import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.memory.MemoryFileSystem;
import io.raftsim.engine.spi.fs.memory.MemoryFsOptions;
import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.testenv.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Group commit, measured (a benchmark, not a test). A closed loop keeps {@code inFlight}
 * single-entry appends outstanding and issues the next one from each callback; the table shows
 * how many fsyncs each append costs and the throughput, on the in-memory file system (virtual
 * time, 1 ms fsync) and on a real temporary directory.
 *
 * <p>Run: {@code mvn -pl engine test-compile} then {@code java -cp
 * engine/target/classes:engine/target/test-classes io.raftsim.engine.storage.log.LogAppendBench}
 */
public final class LogAppendBench {
    private static final int ENTRY_BYTES = 100;

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "%-8s %9s %8s %10s %16s %16s%n", "fs", "inFlight", "appends", "syncs", "syncs/append", "appends/s");
        for (int inFlight : new int[] {1, 8, 64}) {
            memory(20_000, inFlight);
        }
        for (int inFlight : new int[] {1, 8, 64}) {
            jdk(inFlight == 1 ? 500 : 3_000, inFlight);
        }
    }

    private static void memory(int total, int inFlight) {
        ManualClock clock = new ManualClock();
        CountingFs fs = new CountingFs(new MemoryFileSystem(clock, MemoryFsOptions.DEFAULT, 1));
        SegmentedLog log = SegmentedLog.open(fs, "log");
        Loop loop = new Loop(log, total);
        for (int i = 0; i < inFlight; i++) {
            loop.next();
        }
        clock.runUntilIdle();
        double virtualSeconds = clock.nowNanos() / 1e9;
        print("memory*", inFlight, loop.acked, fs.syncs, loop.acked / virtualSeconds);
    }

    private static void jdk(int total, int inFlight) throws Exception {
        Path root = Files.createTempDirectory("logbench");
        try (JdkClock clock = new JdkClock("bench");
                JdkFileSystem jfs = new JdkFileSystem(root, clock)) {
            CountingFs fs = new CountingFs(jfs);
            CountDownLatch done = new CountDownLatch(1);
            long[] elapsed = new long[1];
            Loop[] loop = new Loop[1];
            clock.execute(() -> {
                SegmentedLog log = SegmentedLog.open(fs, "log");
                long start = System.nanoTime();
                loop[0] = new Loop(log, total);
                loop[0].onDone = () -> {
                    elapsed[0] = System.nanoTime() - start;
                    done.countDown();
                };
                for (int i = 0; i < inFlight; i++) {
                    loop[0].next();
                }
            });
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark did not finish");
            }
            print("jdk", inFlight, loop[0].acked, fs.syncs, loop[0].acked / (elapsed[0] / 1e9));
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String fs, int inFlight, long appends, long syncs, double perSecond) {
        System.out.printf(
                "%-8s %9d %8d %10d %16.3f %16.0f%n", fs, inFlight, appends, syncs, (double) syncs / appends, perSecond);
    }

    /** Keeps appending single entries, one per callback, until {@code total} were issued. */
    private static final class Loop {
        final SegmentedLog log;
        final int total;
        int issued;
        long acked;
        Runnable onDone = () -> {};

        Loop(SegmentedLog log, int total) {
            this.log = log;
            this.total = total;
        }

        void next() {
            if (issued == total) {
                return;
            }
            issued++;
            long index = log.lastIndex() + 1;
            log.append(List.of(new LogEntry(index, 1, EntryType.DATA, new byte[ENTRY_BYTES])), err -> {
                if (err != null) {
                    throw err;
                }
                acked++;
                if (acked == total) {
                    onDone.run();
                }
                next();
            });
        }
    }

    /** Counts file fsyncs and directory syncs. */
    private static final class CountingFs implements FileSystem {
        final FileSystem inner;
        long syncs;

        CountingFs(FileSystem inner) {
            this.inner = inner;
        }

        @Override
        public FileHandle open(String path, boolean create) {
            FileHandle h = inner.open(path, create);
            return new FileHandle() {
                @Override
                public String path() {
                    return h.path();
                }

                @Override
                public long size() {
                    return h.size();
                }

                @Override
                public int read(long offset, byte[] dst, int dstOff, int len) {
                    return h.read(offset, dst, dstOff, len);
                }

                @Override
                public void write(long offset, byte[] src, int srcOff, int len) {
                    h.write(offset, src, srcOff, len);
                }

                @Override
                public void truncate(long size) {
                    h.truncate(size);
                }

                @Override
                public void fsync(IoCallback done) {
                    syncs++;
                    h.fsync(done);
                }

                @Override
                public void close() {
                    h.close();
                }
            };
        }

        @Override
        public boolean exists(String path) {
            return inner.exists(path);
        }

        @Override
        public List<String> list(String dir) {
            return inner.list(dir);
        }

        @Override
        public void mkdirs(String dir) {
            inner.mkdirs(dir);
        }

        @Override
        public void rename(String from, String to) {
            inner.rename(from, to);
        }

        @Override
        public void delete(String path) {
            inner.delete(path);
        }

        @Override
        public void syncDirectory(String dir, IoCallback done) {
            syncs++;
            inner.syncDirectory(dir, done);
        }
    }
}
