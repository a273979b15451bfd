package io.raftsim.engine.core.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void probeSendsOneMessageAtATime() {
        Progress p = new Progress(5, 4);
        assertThat(p.state()).isEqualTo(ProgressState.PROBE);
        assertThat(p.isPaused()).isFalse();
        p.sentAppend(7, 3, 1);
        assertThat(p.isPaused()).as("a probe is out").isTrue();
        assertThat(p.nextIndex())
                .as("probing does not advance next optimistically")
                .isEqualTo(5);
        assertThat(p.resumeProbe(1))
                .as("an answer from the probe's own heartbeat round (or older) proves nothing lost")
                .isFalse();
        assertThat(p.isPaused()).isTrue();
        assertThat(p.resumeProbe(2)).as("an answer to a later round does").isTrue();
        assertThat(p.isPaused()).isFalse();
    }

    @Test
    void replicatePipelinesUpToTheWindowAndAcksFreeIt() {
        Progress p = new Progress(1, 2);
        p.maybeUpdate(0);
        p.becomeReplicate();
        p.sentAppend(3, 3, 1);
        assertThat(p.nextIndex()).isEqualTo(4);
        assertThat(p.isPaused()).isFalse();
        p.sentAppend(5, 2, 1);
        assertThat(p.isPaused()).as("window of 2 is full").isTrue();
        assertThat(p.maybeUpdate(3)).isTrue();
        assertThat(p.matchIndex()).isEqualTo(3);
        assertThat(p.inflights().count()).isEqualTo(1);
        assertThat(p.isPaused()).isFalse();
        assertThat(p.maybeUpdate(2)).as("an old ack changes nothing").isFalse();
        assertThat(p.nextIndex()).isEqualTo(6);
    }

    @Test
    void staleRejectionsAreIgnored() {
        Progress p = new Progress(11, 8);
        p.maybeUpdate(10);
        p.becomeReplicate();
        p.sentAppend(15, 5, 1);
        assertThat(p.maybeDecrTo(9, 5, 1))
                .as("rejects an index below match: stale")
                .isFalse();
        assertThat(p.maybeDecrTo(15, 12, 1)).isTrue();
        assertThat(p.state()).isEqualTo(ProgressState.PROBE);
        assertThat(p.nextIndex()).isEqualTo(12);
        assertThat(p.maybeDecrTo(14, 11, 1))
                .as("probe only accepts the rejection of next-1")
                .isFalse();
        assertThat(p.maybeDecrTo(11, 3, 1)).isTrue();
        assertThat(p.nextIndex()).as("never below match + 1").isEqualTo(11);
    }

    @Test
    void matchBelowNextIsAnInvariant() {
        assertThatThrownBy(() -> new Progress(0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("match=0 next=0");
    }

    @Test
    void inflightsRejectOverflowAndShrinkingIndexes() {
        Inflights in = new Inflights(2);
        in.add(3);
        assertThatThrownBy(() -> in.add(2)).hasMessageContaining("adding 2 after 3");
        in.add(5);
        assertThatThrownBy(() -> in.add(6)).hasMessageContaining("full");
        in.freeLe(4);
        assertThat(in.count()).isEqualTo(1);
        in.freeFirst();
        assertThat(in.count()).isZero();
    }
}
