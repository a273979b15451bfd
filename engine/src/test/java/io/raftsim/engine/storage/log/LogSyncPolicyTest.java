package io.raftsim.engine.storage.log;

import static io.raftsim.engine.storage.log.LogFixtures.entries;
import static io.raftsim.engine.storage.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.testenv.MemoryEnv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log's fsync policy: batched (group commit) shares one fsync among every append queued behind
 * the one in flight; per-entry gives each entry its own. Both make the same entries durable and
 * answer callbacks in order.
 */
class LogSyncPolicyTest {
    private static final String DIR = "n/log";

    /** Appends {@code batches} batches of {@code size} entries at once; returns the file fsyncs they took. */
    private static long fsyncsFor(LogSyncPolicy policy, int batches, int size, List<String> order) {
        MemoryEnv env = new MemoryEnv(3);
        SegmentedLog log = SegmentedLog.open(env.fs(), DIR, new SegmentedLogOptions(1 << 20, policy));
        env.drain();
        long before = env.fs().stats().fsyncs();
        List<LogEntry> all = new ArrayList<>();
        List<StorageException> errors = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<LogEntry> es = entries(1 + (long) b * size, (long) (b + 1) * size, 1);
            all.addAll(es);
            int batch = b;
            log.append(es, err -> {
                order.add("batch " + batch + " durable");
                if (err != null) {
                    errors.add(err);
                }
            });
        }
        env.drain();
        assertThat(errors).isEmpty();
        assertThat(readAll(log)).isEqualTo(all);
        long fsyncs = env.fs().stats().fsyncs() - before;
        log.close();
        SegmentedLog reopened = SegmentedLog.open(env.fs(), DIR, new SegmentedLogOptions(1 << 20, policy));
        assertThat(readAll(reopened)).as("durable after a restart").isEqualTo(all);
        reopened.close();
        return fsyncs;
    }

    @Test
    void perEntryFsyncsEveryEntryWhileBatchedSharesFsyncsAcrossBatches() {
        List<String> batchedOrder = new ArrayList<>();
        List<String> perEntryOrder = new ArrayList<>();
        long batched = fsyncsFor(LogSyncPolicy.BATCHED, 4, 5, batchedOrder);
        long perEntry = fsyncsFor(LogSyncPolicy.PER_ENTRY, 4, 5, perEntryOrder);
        assertThat(perEntry).as("one fsync per entry, 20 entries").isEqualTo(20);
        assertThat(batched)
                .as("group commit: the first batch's fsync, then one for the three queued behind it")
                .isEqualTo(2);
        List<String> expected = List.of("batch 0 durable", "batch 1 durable", "batch 2 durable", "batch 3 durable");
        assertThat(batchedOrder).isEqualTo(expected);
        assertThat(perEntryOrder).as("each caller hears once, in order").isEqualTo(expected);
    }

    @Test
    void batchedIsTheDefault() {
        assertThat(SegmentedLogOptions.DEFAULT.syncPolicy()).isEqualTo(LogSyncPolicy.BATCHED);
        assertThat(new SegmentedLogOptions(4096).syncPolicy()).isEqualTo(LogSyncPolicy.BATCHED);
    }
}
