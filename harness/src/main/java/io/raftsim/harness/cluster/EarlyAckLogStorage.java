package io.raftsim.harness.cluster;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import java.util.List;

/**
 * TEST ONLY, a planted bug: reports every append durable on the next event, before the disk has
 * synced it (a follower acknowledging AppendEntries before its fsync). A crash then loses entries a
 * quorum was counted on; the harness must catch that. Reached only through {@code
 * RunConfig.unsafeAckBeforeFsync}, which the command line cannot set.
 */
final class EarlyAckLogStorage extends ForwardingLogStorage {
    private final Clock clock;

    EarlyAckLogStorage(LogStorage inner, Clock clock) {
        super(inner);
        this.clock = clock;
    }

    @Override
    public void append(List<LogEntry> entries, IoCallback done) {
        inner.append(entries, err -> {});
        clock.execute(() -> done.done(null));
    }
}
