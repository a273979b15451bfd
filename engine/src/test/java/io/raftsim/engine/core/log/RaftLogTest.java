package io.raftsim.engine.core.log;

import static io.raftsim.engine.testing.ListStableLog.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.testing.ListStableLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftLogTest {
    /** Records the writes the log asks for, in order. */
    private static final class Writes implements LogWriter {
        final List<String> ops = new ArrayList<>();

        @Override
        public void truncateSuffix(long lastIndexKept) {
            ops.add("truncate>" + lastIndexKept);
        }

        @Override
        public void append(List<LogEntry> entries) {
            ops.add("append " + entries.get(0).index() + ".."
                    + entries.get(entries.size() - 1).index());
        }
    }

    private final Writes writes = new Writes();

    private RaftLog log(long... terms) {
        return new RaftLog(ListStableLog.withTerms(terms), writes, 4);
    }

    @Test
    void appendsAfterAMatchingPrevAndCommitsOnlyWhatTheRequestVerified() {
        RaftLog log = log(1, 1);
        long last = log.maybeAppend(2, 1, 10, List.of(data(3, 2, "a"), data(4, 2, "b")));
        assertThat(last).isEqualTo(4);
        assertThat(log.lastIndex()).isEqualTo(4);
        assertThat(log.committed()).as("min(leaderCommit, last verified)").isEqualTo(4);
        assertThat(writes.ops).containsExactly("append 3..4");
        assertThat(log.stableLastIndex()).as("not durable yet").isEqualTo(2);
        assertThat(log.applicableIndex()).as("apply waits for local durability").isEqualTo(2);
        assertThat(log.stableTo(4, 2)).isTrue();
        assertThat(log.applicableIndex()).isEqualTo(4);
    }

    @Test
    void heartbeatCommitIsCappedAtTheVerifiedPrefix() {
        RaftLog log = log(1, 1, 1, 1);
        // The leader only verified index 2: entries 3..4 here may be stale, do not commit them.
        assertThat(log.maybeAppend(2, 1, 4, List.of())).isEqualTo(2);
        assertThat(log.committed()).isEqualTo(2);
    }

    @Test
    void rejectsAMismatchingPrev() {
        RaftLog log = log(1, 1);
        assertThat(log.maybeAppend(2, 2, 5, List.of(data(3, 2, "x")))).isEqualTo(-1);
        assertThat(log.maybeAppend(3, 1, 5, List.of()))
                .as("prev beyond the log")
                .isEqualTo(-1);
        assertThat(writes.ops).isEmpty();
        assertThat(log.committed()).isZero();
    }

    @Test
    void truncatesFromTheFirstConflictOnly() {
        RaftLog log = log(1, 1, 1, 1);
        long last = log.maybeAppend(1, 1, 0, List.of(data(2, 1, "e2"), data(3, 2, "new3")));
        assertThat(last).isEqualTo(3);
        assertThat(writes.ops).containsExactly("truncate>2", "append 3..3");
        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(log.termAt(3)).isEqualTo(2);
    }

    @Test
    void aStaleShorterAppendDoesNotTruncateMatchingEntries() {
        RaftLog log = log(1, 1, 1, 1);
        assertThat(log.maybeAppend(1, 1, 0, List.of(data(2, 1, "e2")))).isEqualTo(2);
        assertThat(log.lastIndex())
                .as("entries 3..4 match nothing conflicting: kept")
                .isEqualTo(4);
        assertThat(writes.ops).isEmpty();
    }

    @Test
    void neverTruncatesCommittedEntries() {
        RaftLog log = log(1, 1, 1);
        log.commitTo(2);
        assertThatThrownBy(() -> log.maybeAppend(1, 1, 3, List.of(data(2, 2, "evil"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to overwrite committed entry 2");
    }

    @Test
    void durabilityReportsForTruncatedEntriesAreIgnored() {
        RaftLog log = log(1);
        log.maybeAppend(1, 1, 0, List.of(data(2, 1, "a"), data(3, 1, "b")));
        log.maybeAppend(1, 1, 0, List.of(data(2, 2, "c")));
        assertThat(log.stableTo(3, 1))
                .as("3@1 was truncated before its fsync finished")
                .isFalse();
        assertThat(log.stableTo(2, 1)).as("2@1 was replaced by 2@2").isFalse();
        assertThat(log.stableTo(2, 2)).isTrue();
        assertThat(log.stableLastIndex()).isEqualTo(2);
    }

    @Test
    void conflictHintIsTheLastIndexWithATermNoHigherThanAsked() {
        RaftLog log = log(1, 1, 2, 2, 4, 4);
        assertThat(log.findConflictByTerm(6, 3)).containsExactly(4, 2);
        assertThat(log.findConflictByTerm(6, 1)).containsExactly(2, 1);
        assertThat(log.findConflictByTerm(6, 0)).containsExactly(0, 0);
        assertThat(log.findConflictByTerm(9, 5)).as("capped at last index").containsExactly(6, 4);
    }

    @Test
    void entriesHonourCountAndBytesButReturnAtLeastOne() {
        RaftLog log = log(1, 1, 1, 1, 1, 1);
        assertThat(log.entries(2, 6, 3, Long.MAX_VALUE))
                .extracting(LogEntry::index)
                .containsExactly(2L, 3L, 4L);
        assertThat(log.entries(2, 6, 10, 1)).extracting(LogEntry::index).containsExactly(2L);
        long two = log.entry(1).sizeBytes() * 2L;
        assertThat(log.entries(1, 6, 10, two)).hasSize(2);
        assertThatThrownBy(() -> log.entries(1, 7, 10, 100)).hasMessageContaining("outside log");
    }

    @Test
    void recentEntriesComeFromTheCacheAfterTheyBecomeDurable() {
        ListStableLog stable = ListStableLog.withTerms(1);
        RaftLog log = new RaftLog(stable, writes, 4);
        log.appendAsLeader(List.of(data(2, 1, "a"), data(3, 1, "b")));
        log.stableTo(3, 1);
        // The stable list never received them (nobody applied the writes): only the cache has them.
        assertThat(log.entries(2, 3, 10, Long.MAX_VALUE))
                .extracting(LogEntry::index)
                .containsExactly(2L, 3L);
    }

    @Test
    void upToDateComparesLastTermThenLength() {
        RaftLog log = log(1, 2, 2);
        assertThat(log.isUpToDate(3, 2)).isTrue();
        assertThat(log.isUpToDate(2, 2)).isFalse();
        assertThat(log.isUpToDate(1, 3)).isTrue();
        assertThat(log.isUpToDate(9, 1)).isFalse();
    }
}
