package io.raftsim.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.NodeEnvironment;
import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.NodeState;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.LogStorage;
import io.raftsim.engine.storage.MetaStorage;
import io.raftsim.engine.storage.RaftMeta;
import io.raftsim.engine.storage.memory.MemoryLogStorage;
import io.raftsim.engine.testing.ManualClock;
import io.raftsim.engine.testing.RecordingStateMachine;
import io.raftsim.engine.testing.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A storage may report durability from inside {@code append}/{@code save} (e.g. a synchronous
 * fsync): the node must still handle effects in order and never re-enter itself.
 */
class SynchronousStorageTest {
    /** Completes every write before returning. */
    private static final class SyncLog implements LogStorage {
        final MemoryLogStorage view;

        SyncLog(ManualClock clock) {
            view = new MemoryLogStorage(clock, -1);
        }

        @Override
        public long firstIndex() {
            return view.firstIndex();
        }

        @Override
        public long lastIndex() {
            return view.lastIndex();
        }

        @Override
        public long termAt(long index) {
            return view.termAt(index);
        }

        @Override
        public LogEntry entry(long index) {
            return view.entry(index);
        }

        @Override
        public List<LogEntry> entries(long from, long to, long maxBytes) {
            return view.entries(from, to, maxBytes);
        }

        @Override
        public void append(List<LogEntry> entries, IoCallback done) {
            view.append(entries, done);
            view.completeFsyncs();
        }

        @Override
        public void truncateSuffix(long lastIndexKept, IoCallback done) {
            view.truncateSuffix(lastIndexKept, done);
            view.completeFsyncs();
        }

        @Override
        public void truncatePrefix(long firstIndexKept, IoCallback done) {
            view.truncatePrefix(firstIndexKept, done);
            view.completeFsyncs();
        }

        @Override
        public void reset(long nextLogIndex, IoCallback done) {
            view.reset(nextLogIndex, done);
            view.completeFsyncs();
        }

        @Override
        public void close() {}
    }

    private static final class SyncMeta implements MetaStorage {
        RaftMeta meta = RaftMeta.INITIAL;

        @Override
        public RaftMeta load() {
            return meta;
        }

        @Override
        public void save(RaftMeta m, IoCallback done) {
            meta = m;
            done.done(null);
        }
    }

    @Test
    void singleNodeElectsItselfAndCommitsWithSynchronousStorage() {
        ManualClock clock = new ManualClock();
        List<String> events = new ArrayList<>();
        RecordingStateMachine fsm = new RecordingStateMachine("n1", events::add);
        SyncMeta meta = new SyncMeta();
        NodeImpl node = new NodeImpl(
                "g",
                PeerId.of("n1"),
                NodeOptions.builder()
                        .initialConfiguration(Configuration.parse("n1"))
                        .stateMachine(fsm)
                        .tickIntervalMs(1)
                        .electionTimeoutMs(10)
                        .heartbeatIntervalMs(1)
                        .build(),
                new NodeEnvironment(
                        clock,
                        (to, m) -> {
                            throw new AssertionError("a single node sends nothing, got " + m);
                        },
                        new SeededRandom(1),
                        new SyncLog(clock),
                        meta));
        node.start();
        clock.advance(25_000_000L);
        assertThat(node.describe().state()).isEqualTo(NodeState.LEADER);
        assertThat(meta.meta).isEqualTo(new RaftMeta(1, PeerId.of("n1")));
        List<Status> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            node.apply(Task.of(("t" + i).getBytes(), results::add));
        }
        clock.advance(1_000_000L);
        assertThat(results).hasSize(5).allMatch(Status::isOk);
        assertThat(fsm.applied())
                .extracting(RecordingStateMachine.Applied::data)
                .containsExactly("t0", "t1", "t2", "t3", "t4");
        assertThat(events).contains("n1: onLeaderStart term=1");
    }
}
