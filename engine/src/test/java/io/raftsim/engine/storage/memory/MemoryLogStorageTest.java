package io.raftsim.engine.storage.memory;

import static io.raftsim.engine.testing.ListStableLog.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLogStorageTest {
    private final ManualClock clock = new ManualClock();
    private final List<String> done = new ArrayList<>();

    private io.raftsim.engine.spi.fs.IoCallback cb(String name) {
        return err -> done.add(name + (err == null ? " ok" : " " + err.kind()));
    }

    @Test
    void writesAreVisibleAtOnceAndDurableOnlyAfterTheFsyncDelay() {
        MemoryLogStorage log = new MemoryLogStorage(clock, 1_000);
        log.append(List.of(data(1, 1, "a"), data(2, 1, "b")), cb("a1"));
        assertThat(log.lastIndex()).isEqualTo(2);
        assertThat(log.durableLastIndex()).isZero();
        clock.advance(999);
        assertThat(done).isEmpty();
        clock.advance(1);
        assertThat(done).containsExactly("a1 ok");
        assertThat(log.durableLastIndex()).isEqualTo(2);
    }

    @Test
    void groupCommitCoversEveryWriteIssuedBeforeTheFsyncStarted() {
        MemoryLogStorage log = new MemoryLogStorage(clock, 1_000);
        log.append(List.of(data(1, 1, "a")), cb("w1"));
        log.append(List.of(data(2, 1, "b")), cb("w2"));
        log.append(List.of(data(3, 1, "c")), cb("w3"));
        clock.advance(2_000);
        // w1 started an fsync alone; w2 and w3 share the next one.
        assertThat(done).containsExactly("w1 ok", "w2 ok", "w3 ok");
        assertThat(log.fsyncCount()).isEqualTo(2);
        log.setGroupCommit(false);
        log.append(List.of(data(4, 1, "d")), cb("w4"));
        log.append(List.of(data(5, 1, "e")), cb("w5"));
        clock.advance(2_000);
        assertThat(log.fsyncCount()).isEqualTo(4);
    }

    @Test
    void crashLosesUnsyncedWritesIncludingTruncations() {
        MemoryLogStorage log = new MemoryLogStorage(clock, -1);
        log.append(List.of(data(1, 1, "a"), data(2, 1, "b")), cb("a"));
        log.completeFsyncs();
        log.truncateSuffix(1, cb("t"));
        log.append(List.of(data(2, 2, "x"), data(3, 2, "y")), cb("b"));
        assertThat(log.termAt(2)).isEqualTo(2);
        log.crash();
        assertThat(done).containsExactly("a ok");
        assertThat(log.lastIndex()).isEqualTo(2);
        assertThat(log.termAt(2)).as("the truncation was not durable either").isEqualTo(1);
    }

    @Test
    void aFailedFsyncReportsTheErrorAndItsWritesAreGone() {
        MemoryLogStorage log = new MemoryLogStorage(clock, -1);
        log.append(List.of(data(1, 1, "a")), cb("a"));
        log.failNextFsync(new StorageException(StorageException.Kind.IO, "EIO"));
        log.completeFsyncs();
        assertThat(done).containsExactly("a IO");
        assertThat(log.durableLastIndex()).isZero();
        log.crash();
        assertThat(log.lastIndex()).isZero();
    }

    @Test
    void appendsMustContinueTheLog() {
        MemoryLogStorage log = new MemoryLogStorage(clock, -1);
        assertThatThrownBy(() -> log.append(List.of(data(2, 1, "x")), cb("x")))
                .hasMessageContaining("append must continue the log at 1");
    }

    @Test
    void metaSurvivesACrashOnlyOnceSaved() {
        MemoryMetaStorage meta = new MemoryMetaStorage(clock, 500);
        meta.save(new RaftMeta(3, PeerId.of("b")), cb("m"));
        meta.crash();
        clock.advance(1_000);
        assertThat(meta.load()).isEqualTo(RaftMeta.INITIAL);
        assertThat(done).isEmpty();
        meta.save(new RaftMeta(4, null), cb("m2"));
        clock.advance(1_000);
        assertThat(meta.load()).isEqualTo(new RaftMeta(4, null));
        meta.failNextSave(new StorageException(StorageException.Kind.IO, "EIO"));
        meta.save(new RaftMeta(5, null), cb("m3"));
        clock.advance(1_000);
        assertThat(meta.load()).isEqualTo(new RaftMeta(4, null));
        assertThat(done).containsExactly("m2 ok", "m3 IO");
    }
}
