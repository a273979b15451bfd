package io.raftsim.sim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
    private static final long MS = 1_000_000L;

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    @Test
    void messagesArriveAfterTheirLatency() {
        Recorder r = new Recorder(1, LinkConfig.stream(5 * MS, 0));
        long[] at = {-1};
        r.net.setHandler(r.b, e -> at[0] = r.sim.nowNs());
        r.sim.schedule(MS, "go", 0, 0, () -> r.send(r.a, r.b, "x"));
        r.runAll();
        assertThat(at[0]).isEqualTo(6 * MS);
    }

    @Test
    void streamModeNeverReordersEvenUnderHeavyJitter() {
        Recorder r = new Recorder(3, LinkConfig.stream(1 * MS, 50 * MS));
        List<String> sent = numbered(500);
        for (int i = 0; i < sent.size(); i++) {
            String p = sent.get(i);
            r.sim.schedule(i * 10_000L, "send", 0, i, () -> r.send(r.a, r.b, p));
        }
        r.runAll();
        assertThat(r.received()).isEqualTo(sent);
    }

    @Test
    void datagramModeReordersUnderJitterButNotWithoutIt() {
        Recorder jittery = new Recorder(3, LinkConfig.datagram(1 * MS, 50 * MS));
        Recorder steady = new Recorder(3, LinkConfig.datagram(1 * MS, 0));
        List<String> sent = numbered(500);
        for (Recorder r : List.of(jittery, steady)) {
            for (int i = 0; i < sent.size(); i++) {
                String p = sent.get(i);
                r.sim.schedule(i * 10_000L, "send", 0, i, () -> r.send(r.a, r.b, p));
            }
            r.runAll();
        }
        assertThat(jittery.received())
                .hasSize(500)
                .containsExactlyInAnyOrderElementsOf(sent)
                .isNotEqualTo(sent);
        assertThat(steady.received()).isEqualTo(sent);
    }

    @Test
    void oneWayPartitionDeliversFromToAndNotBack() {
        Recorder r = new Recorder(1, LinkConfig.stream(MS, 0));
        r.net.partition(Partitions.oneWay(r.a, r.b));
        r.send(r.a, r.b, "a-to-b");
        r.send(r.b, r.a, "b-to-a");
        r.send(r.b, r.c, "b-to-c");
        r.runAll();
        assertThat(r.log).containsExactly("a>b:a-to-b", "b>c:b-to-c");
        assertThat(r.net.counters(r.b, r.a).dropped()).isEqualTo(1);

        r.log.clear();
        r.net.heal();
        r.send(r.b, r.a, "b-to-a");
        r.runAll();
        assertThat(r.log).containsExactly("b>a:b-to-a");
    }

    @Test
    void partitionOfAStreamLinkLosesWhatIsInFlightAndAfterHealDeliversAgain() {
        Recorder r = new Recorder(1, LinkConfig.stream(10 * MS, 0));
        r.send(r.a, r.b, "in-flight");
        r.send(r.a, r.c, "unaffected");
        r.sim.runUntil(5 * MS);
        r.net.partition(Partitions.isolate(r.b, r.net.endpoints()));
        r.sim.runUntil(20 * MS);
        r.net.heal();
        r.send(r.a, r.b, "after-heal");
        r.runAll();
        assertThat(r.log).containsExactly("a>c:unaffected", "a>b:after-heal");
        assertThat(r.net.counters(r.a, r.b).dropped()).isEqualTo(1);
        assertThat(r.net.counters(r.a, r.b).delivered()).isEqualTo(1);
    }

    @Test
    void explicitResetDropsInFlightStreamMessagesOnly() {
        Recorder r = new Recorder(1, LinkConfig.stream(10 * MS, 0));
        r.send(r.a, r.b, "lost");
        r.send(r.b, r.a, "lost-too");
        r.net.reset(r.a, r.b);
        r.send(r.a, r.b, "new-connection");
        r.runAll();
        assertThat(r.received()).containsExactly("new-connection");
    }

    @Test
    void dropProbabilityOneLosesEverythingAndZeroNothing() {
        Recorder lossy = new Recorder(1, LinkConfig.datagram(MS, 0).withDrop(1.0));
        Recorder clean = new Recorder(1, LinkConfig.datagram(MS, 0).withDrop(0.0));
        for (Recorder r : List.of(lossy, clean)) {
            for (String p : numbered(100)) {
                r.send(r.a, r.b, p);
            }
            r.runAll();
        }
        assertThat(lossy.received()).isEmpty();
        assertThat(lossy.net.counters(lossy.a, lossy.b).dropped()).isEqualTo(100);
        assertThat(clean.received()).hasSize(100);
        assertThat(clean.net.counters(clean.a, clean.b).dropped()).isZero();
    }

    @Test
    void partialDropLosesAboutThatShare() {
        Recorder r = new Recorder(9, LinkConfig.datagram(MS, 0).withDrop(0.3));
        for (String p : numbered(2000)) {
            r.send(r.a, r.b, p);
        }
        r.runAll();
        assertThat(r.received().size()).isBetween(1250, 1550);
    }

    @Test
    void datagramDuplicationDeliversCopiesAndCountsThem() {
        Recorder dup = new Recorder(1, LinkConfig.datagram(MS, 0).withDuplicate(1.0));
        Recorder once = new Recorder(1, LinkConfig.datagram(MS, 0));
        for (Recorder r : List.of(dup, once)) {
            r.send(r.a, r.b, "m");
            r.runAll();
        }
        assertThat(dup.received()).containsExactly("m", "m");
        assertThat(dup.net.counters(dup.a, dup.b).duplicated()).isEqualTo(1);
        assertThat(dup.net.counters(dup.a, dup.b).delivered()).isEqualTo(2);
        assertThat(once.received()).containsExactly("m");
    }

    @Test
    void rareLongTailDelaysSomeMessagesBeyondBasePlusJitter() {
        Recorder tail = new Recorder(4, LinkConfig.datagram(MS, MS).withTail(0.1, 100 * MS));
        Recorder noTail = new Recorder(4, LinkConfig.datagram(MS, MS));
        long[] maxLatency = new long[2];
        int i = 0;
        for (Recorder r : List.of(tail, noTail)) {
            int k = i++;
            r.net.setHandler(r.b, e -> maxLatency[k] = Math.max(maxLatency[k], r.sim.nowNs() - e.sentAtNs()));
            for (String p : numbered(200)) {
                r.send(r.a, r.b, p);
            }
            r.runAll();
        }
        assertThat(maxLatency[0]).isGreaterThan(2 * MS);
        assertThat(maxLatency[1]).isLessThanOrEqualTo(2 * MS);
    }

    @Test
    void crashedEndpointReceivesNothingUntilRestart() {
        Recorder r = new Recorder(1, LinkConfig.stream(MS, 0));
        r.send(r.a, r.b, "in-flight");
        r.net.crash(r.b);
        r.send(r.a, r.b, "while-dead");
        r.send(r.b, r.a, "from-the-dead");
        r.runAll();
        assertThat(r.received()).isEmpty();
        r.net.restart(r.b);
        r.send(r.a, r.b, "after-restart");
        r.runAll();
        assertThat(r.received()).containsExactly("after-restart");
        assertThat(r.net.counters(r.a, r.b).dropped()).isEqualTo(2);
    }

    @Test
    void pausedEndpointGetsStreamMessagesInOrderOnResumeAndLosesDatagrams() {
        Recorder r = new Recorder(1, LinkConfig.stream(MS, 3 * MS));
        r.net.configure(r.c, r.b, LinkConfig.datagram(MS, 0));
        r.net.pause(r.b);
        for (String p : numbered(20)) {
            r.send(r.a, r.b, p);
        }
        r.send(r.c, r.b, "datagram");
        r.sim.runUntil(50 * MS);
        assertThat(r.received()).isEmpty();
        r.net.resume(r.b);
        r.send(r.a, r.b, "after");
        r.runAll();
        List<String> expected = numbered(20);
        expected.add("after");
        assertThat(r.received()).isEqualTo(expected);
        assertThat(r.net.counters(r.c, r.b).dropped()).isEqualTo(1);
    }

    @Test
    void cloggedLinkDelaysInsteadOfDroppingAndKeepsStreamOrder() {
        Recorder r = new Recorder(1, LinkConfig.stream(MS, 2 * MS));
        long[] lastAt = {-1};
        List<String> got = new ArrayList<>();
        r.net.setHandler(r.b, e -> {
            got.add(e.payload());
            lastAt[0] = r.sim.nowNs();
        });
        r.send(r.a, r.b, "0");
        r.net.clog(Partitions.oneWay(r.b, r.a), 100 * MS); // blocks a->b: clog that link
        for (int i = 1; i < 30; i++) {
            String p = Integer.toString(i);
            r.sim.schedule(i * 100_000L, "send", 0, i, () -> r.send(r.a, r.b, p));
        }
        r.runAll();
        assertThat(got).isEqualTo(numbered(30));
        assertThat(lastAt[0]).isGreaterThanOrEqualTo(100 * MS);
        assertThat(r.net.counters(r.a, r.b).dropped()).isZero();
    }

    @Test
    void countersTrackMessagesAndBytes() {
        Recorder r = new Recorder(1, LinkConfig.stream(MS, 0));
        r.send(r.a, r.b, "12345");
        r.send(r.a, r.b, "123");
        r.runAll();
        LinkCounters c = r.net.counters(r.a, r.b);
        assertThat(c).isEqualTo(new LinkCounters(2, 2, 0, 0, 8, 8));
        assertThat(r.net.counters(r.b, r.a)).isEqualTo(LinkCounters.ZERO);
        assertThat(r.net.totals()).isEqualTo(c);
    }

    @Test
    void sameSeedSameDeliveriesAndTraceDifferentSeedDifferentTrace() {
        String[] hashes = new String[3];
        List<List<String>> logs = new ArrayList<>();
        long[] seeds = {5, 5, 6};
        for (int k = 0; k < 3; k++) {
            Recorder r = new Recorder(
                    seeds[k], LinkConfig.datagram(MS, 20 * MS).withDrop(0.1).withDuplicate(0.1));
            for (int i = 0; i < 300; i++) {
                r.send(i % 2 == 0 ? r.a : r.c, r.b, Integer.toString(i));
            }
            r.runAll();
            hashes[k] = r.sim.traceHash().hex();
            logs.add(r.log);
        }
        assertThat(hashes[0]).isEqualTo(hashes[1]).isNotEqualTo(hashes[2]);
        assertThat(logs.get(0)).isEqualTo(logs.get(1)).isNotEqualTo(logs.get(2));
    }

    @Test
    void badConfigurationFailsNamingTheField() {
        assertThatThrownBy(() -> LinkConfig.stream(-1, 0)).hasMessageContaining("latencyBaseNs");
        assertThatThrownBy(() -> LinkConfig.datagram(0, -5)).hasMessageContaining("latencyJitterNs");
        assertThatThrownBy(() -> LinkConfig.datagram(0, 0).withDrop(1.5)).hasMessageContaining("dropProbability");
        assertThatThrownBy(() -> LinkConfig.datagram(0, 0).withDuplicate(-0.1))
                .hasMessageContaining("duplicateProbability");
        assertThatThrownBy(() -> LinkConfig.datagram(0, 0).withTail(Double.NaN, 1))
                .hasMessageContaining("tailProbability");
        assertThatThrownBy(() -> LinkConfig.stream(0, 0).withDuplicate(0.5)).hasMessageContaining("STREAM");

        Recorder r = new Recorder(1, LinkConfig.stream(MS, 0));
        Recorder other = new Recorder(1, LinkConfig.stream(MS, 0));
        Endpoint stranger = new Endpoint(7, "stranger");
        assertThatThrownBy(() -> r.send(r.a, stranger, "x")).hasMessageContaining("to: unknown endpoint");
        assertThatThrownBy(() -> r.net.configure(stranger, r.a, LinkConfig.stream(0, 0)))
                .hasMessageContaining("from: unknown endpoint");
        assertThatThrownBy(() -> r.net.endpoint("zed")).hasMessageContaining("unknown endpoint 'zed'");
        assertThatThrownBy(() -> r.net.addEndpoint("a", e -> {})).hasMessageContaining("already taken");
        Endpoint foreign = other.net.addEndpoint("d", e -> {});
        assertThatThrownBy(() -> r.net.crash(foreign)).hasMessageContaining("unknown endpoint");
    }
}
