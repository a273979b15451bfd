package io.raftsim.harness.invariant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvariantMonitorTest {
    static LogEntry e(long index, long term, int payload) {
        return new LogEntry(index, term, EntryType.DATA, new byte[] {(byte) payload});
    }

    static List<LogEntry> log(long... termsFromIndex1) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < termsFromIndex1.length; i++) {
            out.add(e(i + 1, termsFromIndex1[i], i));
        }
        return out;
    }

    static long d(long index, long term, int payload) {
        return InvariantMonitor.digest(e(index, term, payload));
    }

    @Test
    void healthyHistoryPasses() {
        InvariantMonitor m = new InvariantMonitor(3);
        assertThatCode(() -> {
                    m.onLeader(0, 1);
                    for (int n = 0; n < 3; n++) {
                        m.onAppend(n, log(1, 1, 1));
                    }
                    m.onCommitIndex(0, 3);
                    for (int n = 0; n < 3; n++) {
                        m.onApply(n, 1, 1, d(1, 1, 0), 1);
                        m.onApply(n, 2, 1, d(2, 1, 1), 1);
                    }
                    m.onAck(0, 2, 1, d(2, 1, 1));
                    m.onLeader(0, 1);
                    m.onLeader(1, 2);
                    m.onTruncateSuffix(2, 3, 2);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void twoLeadersInOneTerm() {
        InvariantMonitor m = new InvariantMonitor(3);
        m.onLeader(0, 5);
        assertThatThrownBy(() -> m.onLeader(2, 5))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("election-safety")
                .hasMessageContaining("nodes 0 and 2")
                .hasMessageContaining("term 5");
    }

    @Test
    void differentEntriesAtSameIndexAndTerm() {
        InvariantMonitor m = new InvariantMonitor(2);
        m.onAppend(0, List.of(e(1, 1, 7)));
        assertThatThrownBy(() -> m.onAppend(1, List.of(e(1, 1, 8))))
                .hasMessageContaining("log-matching")
                .hasMessageContaining("1@1");
    }

    @Test
    void sameEntryDifferentPrefix() {
        InvariantMonitor m = new InvariantMonitor(2);
        m.onAppend(0, List.of(e(1, 1, 0), e(2, 3, 1)));
        m.onAppend(1, List.of(e(1, 2, 0)));
        assertThatThrownBy(() -> m.onAppend(1, List.of(e(2, 3, 1))))
                .hasMessageContaining("log-matching")
                .hasMessageContaining("not on the entry before it");
    }

    @Test
    void leaderWithoutCommittedEntry() {
        InvariantMonitor m = new InvariantMonitor(3);
        m.onAppend(0, log(1, 1));
        m.onApply(0, 2, 1, d(2, 1, 1), 1);
        m.onAppend(1, log(1));
        assertThatThrownBy(() -> m.onLeader(1, 2))
                .hasMessageContaining("leader-completeness")
                .hasMessageContaining("node 1 became leader of term 2 without committed entry 2@1");
    }

    @Test
    void truncatingACommittedEntry() {
        InvariantMonitor m = new InvariantMonitor(2);
        m.onAppend(1, log(1, 1, 1));
        m.onApply(1, 3, 1, d(3, 1, 2), 1);
        assertThatThrownBy(() -> m.onTruncateSuffix(1, 2, 2))
                .hasMessageContaining("leader-completeness")
                .hasMessageContaining("truncates committed entry 3@1");
    }

    @Test
    void aStaleLeaderMayOverwriteALaggingFollowersCopyOfALaterCommit() {
        // Entry 3@1 is committed by the leader of term 4 (node 0 applies it in term 4). Node 1 still
        // in term 2 follows a stale term-2 leader that lacks it: legal, the majority keeps it.
        InvariantMonitor m = new InvariantMonitor(3);
        m.onAppend(0, log(1, 1, 1));
        m.onAppend(1, log(1, 1, 1));
        m.onApply(0, 3, 1, d(3, 1, 2), 4);
        assertThatCode(() -> m.onTruncateSuffix(1, 2, 2)).doesNotThrowAnyException();
        assertThatCode(() -> m.onTruncateSuffix(1, 2, 4)).doesNotThrowAnyException();
        // A leader of term 5, after the commit's term, must hold the entry.
        m.onAppend(2, log(1, 1, 1));
        assertThatThrownBy(() -> m.onTruncateSuffix(2, 2, 5))
                .hasMessageContaining("leader-completeness")
                .hasMessageContaining("node 2 in term 5 truncates committed entry 3@1");
    }

    @Test
    void nodesApplyDifferentEntriesAtOneIndex() {
        InvariantMonitor m = new InvariantMonitor(2);
        m.onApply(0, 4, 2, 111, 2);
        assertThatThrownBy(() -> m.onApply(1, 4, 3, 222, 3))
                .hasMessageContaining("state-machine-safety")
                .hasMessageContaining("node 1 has 4@3")
                .hasMessageContaining("node 0 committed 4@2");
    }

    @Test
    void ackedWriteLostIsNamedAsSuch() {
        InvariantMonitor m = new InvariantMonitor(2);
        m.onAck(0, 9, 2, 5);
        assertThatThrownBy(() -> m.onApply(1, 9, 3, 6, 3)).hasMessageStartingWith("acked-write-lost");
    }

    @Test
    void commitIndexGoesBackOnlyAcrossRestarts() {
        InvariantMonitor m = new InvariantMonitor(1);
        m.onCommitIndex(0, 10);
        assertThatThrownBy(() -> m.onCommitIndex(0, 9)).hasMessageContaining("commit-monotonic");
        InvariantMonitor r = new InvariantMonitor(1);
        r.onCommitIndex(0, 10);
        r.onRestart(0, log(1), 1);
        assertThatCode(() -> r.onCommitIndex(0, 0)).doesNotThrowAnyException();
    }

    @Test
    void applyingTwiceOnOneNodeIsCaught() {
        InvariantMonitor m = new InvariantMonitor(1);
        m.onApply(0, 1, 1, 1, 1);
        assertThatThrownBy(() -> m.onApply(0, 1, 1, 1, 1))
                .hasMessageContaining("applies index 1 after already applying 1");
    }

    @Test
    void aRestartMustRecoverEveryTermTheNodeSent() {
        InvariantMonitor m = new InvariantMonitor(3);
        m.onRecoveredTerm(1, 5, 5);
        m.onRecoveredTerm(1, 6, 5);
        assertThatThrownBy(() -> m.onRecoveredTerm(2, 4, 5))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("term-durability")
                .hasMessageContaining("node 2 restarted in term 4")
                .hasMessageContaining("of term 5");
    }

    @Test
    void aRestartMustRecoverEveryEntryTheNodeAcknowledged() {
        InvariantMonitor m = new InvariantMonitor(3);
        m.onAppendAcknowledged(1, 7);
        m.onRecoveredLog(1, 7);
        m.onRecoveredLog(1, 9);
        assertThatThrownBy(() -> m.onRecoveredLog(1, 6))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("log-durability")
                .hasMessageContaining("node 1 restarted with its log ending at 6")
                .hasMessageContaining("up to 7");
    }

    @Test
    void aReplacedSuffixOrAnInstalledSnapshotLowersWhatARestartOwes() {
        InvariantMonitor m = new InvariantMonitor(3);
        m.onAppendAcknowledged(0, 7);
        m.onTruncateSuffix(0, 4, 2); // a new leader replaced the uncommitted suffix 5..7
        m.onRecoveredLog(0, 4);
        m.onAppendAcknowledged(2, 9);
        m.onReset(2, 6); // a snapshot through 5 replaced the whole log
        m.onRecoveredLog(2, 5);
        assertThatThrownBy(() -> m.onRecoveredLog(2, 4))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("log-durability");
    }
}
