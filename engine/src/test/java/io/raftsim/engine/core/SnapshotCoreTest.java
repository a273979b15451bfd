package io.raftsim.engine.core;

import static io.raftsim.engine.testing.CoreHarness.p;
import static io.raftsim.engine.testing.CoreHarness.sent;
import static io.raftsim.engine.testing.ListStableLog.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.core.conf.ConfigurationCodec;
import io.raftsim.engine.core.conf.ConfigurationEntry;
import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.InstallSnapshotRequest;
import io.raftsim.engine.message.InstallSnapshotResponse;
import io.raftsim.engine.storage.LogEntry;
import io.raftsim.engine.storage.snapshot.SnapshotMeta;
import io.raftsim.engine.testing.CoreHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follower's side of InstallSnapshot in the pure core (Raft paper §7, Figure 13). */
class SnapshotCoreTest {
    private static SnapshotMeta meta(long index, long term) {
        byte[] conf = ConfigurationCodec.encode(new ConfigurationEntry(Configuration.parse("a,b,c"), null));
        return new SnapshotMeta(index, term, conf, List.of());
    }

    private static AppendEntriesRequest append(long term, long prevIndex, long prevTerm, long commit, LogEntry... es) {
        return new AppendEntriesRequest("g", p("a"), p("b"), term, prevIndex, prevTerm, List.of(es), commit);
    }

    @Test
    void appendsDuringAnInstallAreNotAcknowledgedAndTheAnswerWaitsForTheLogReset() {
        // b has 3 entries of term 1; the leader a (term 2) installs a snapshot up to 10@2.
        CoreHarness h = new CoreHarness("b", "a,b,c", 2, null, 1, 1, 1);
        var out = h.step(new InstallSnapshotRequest("g", p("a"), p("b"), 2, meta(10, 2)));
        assertThat(out)
                .anyMatch(e -> e instanceof Effect.InstallSnapshot is
                        && is.meta().lastIncludedIndex() == 10
                        && is.leader().equals(p("a")));
        assertThat(sent(out)).as("no answer before the snapshot is loaded").isEmpty();
        assertThat(h.core.installing()).isEqualTo(10);

        // A newer append arrives meanwhile: it must not be appended nor acknowledged, because the
        // log reset that ends the install would drop it after we had acknowledged it.
        out = h.step(append(2, 3, 1, 3, data(4, 2, "new")));
        assertThat(sent(out)).isEmpty();
        assertThat(h.core.log().lastIndex()).isEqualTo(3);
        // A repeated InstallSnapshot for the same snapshot is ignored while we copy it.
        out = h.step(new InstallSnapshotRequest("g", p("a"), p("b"), 2, meta(10, 2)));
        assertThat(out).noneMatch(e -> e instanceof Effect.InstallSnapshot);

        h.core.onSnapshotInstalled(meta(10, 2), p("a"), 2);
        List<Effect> effects = h.core.drainEffects();
        assertThat(effects.get(0)).isEqualTo(new Effect.ResetLog(11));
        Effect.Send answer = (Effect.Send) effects.get(1);
        assertThat(answer.afterLogDurable())
                .as("answer only once the log reset is durable")
                .isTrue();
        InstallSnapshotResponse r = (InstallSnapshotResponse) answer.message();
        assertThat(r.success()).isTrue();
        assertThat(r.lastIncludedIndex()).isEqualTo(10);
        assertThat(h.core.log().committed()).isEqualTo(10);
        assertThat(h.core.log().applied()).isEqualTo(10);
        assertThat(h.core.log().termAt(10))
                .as("the snapshot's term is remembered")
                .isEqualTo(2);
        assertThat(h.core.installing()).isZero();
    }

    @Test
    void aSnapshotNoNewerThanTheCommitIndexIsRefusedAsStale() {
        CoreHarness h = new CoreHarness("b", "a,b,c", 1, null, 1, 1, 1);
        h.step(append(1, 3, 1, 3));
        assertThat(h.core.log().committed()).isEqualTo(3);
        var out = h.step(new InstallSnapshotRequest("g", p("a"), p("b"), 1, meta(2, 1)));
        assertThat(out).noneMatch(e -> e instanceof Effect.InstallSnapshot);
        InstallSnapshotResponse r = sent(out, InstallSnapshotResponse.class).get(0);
        assertThat(r.success()).isFalse();
        assertThat(r.lastLogIndex())
                .as("hint: where the leader should probe from")
                .isEqualTo(3);
    }

    @Test
    void aLogThatHoldsTheSnapshotsLastEntryKeepsItsSuffix() {
        // Figure 13 rule 6: "If existing log entry has same index and term as snapshot's last
        // included entry, retain log entries following it".
        CoreHarness h = new CoreHarness("b", "a,b,c", 1, null, 1, 1, 1, 1, 1);
        h.step(new InstallSnapshotRequest("g", p("a"), p("b"), 1, meta(3, 1)));
        h.core.onSnapshotInstalled(meta(3, 1), p("a"), 1);
        List<Effect> effects = h.core.drainEffects();
        assertThat(effects.get(0)).isEqualTo(new Effect.CompactLog(4));
        assertThat(h.core.log().lastIndex()).isEqualTo(5);
        assertThat(h.core.log().committed()).isEqualTo(3);
    }
}
