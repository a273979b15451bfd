package io.raftsim.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.message.AppendEntriesRequest;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.testing.CoreHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three cores on a datagram network that reorders every message (any in-flight message may be
 * delivered next) and duplicates a third of them. The AppendEntries sent must stay proportional to
 * the work (heartbeat rounds and proposals): a duplicated or reordered answer must never make the
 * leader send again. Counts messages; no timing.
 */
class DuplicationStormTest {
    private static final int STEPS = 20_000;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void duplicatedAndReorderedAnswersDoNotMultiplyAppends(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TreeMap<String, CoreHarness> nodes = new TreeMap<>();
        for (String n : List.of("a", "b", "c")) {
            // heartbeat every tick: one heartbeat round per tick.
            nodes.put(n, new CoreHarness(n, "a,b,c", 0, null, 10, 1, true, seed * 31 + n.charAt(0)));
        }
        List<RaftMessage> inFlight = new ArrayList<>();
        long appendsSent = 0;
        long proposals = 0;
        int maxInFlight = 0;
        int ticks = 0;
        for (int step = 0; step < STEPS; step++) {
            List<Effect> out = new ArrayList<>();
            if (inFlight.isEmpty() || rnd.nextInt(20) == 0) {
                ticks++;
                for (CoreHarness h : nodes.values()) {
                    out.addAll(h.tick(1));
                    if (h.core.role() == RoleKind.LEADER && rnd.nextInt(3) == 0) {
                        h.core.propose(List.of(("v" + step).getBytes(StandardCharsets.UTF_8)));
                        proposals++;
                        out.addAll(h.drain());
                    }
                }
            } else {
                RaftMessage m = inFlight.remove(rnd.nextInt(inFlight.size()));
                if (rnd.nextInt(3) == 0) {
                    inFlight.add(m); // the link duplicated it: this copy arrives later, in any order.
                }
                out.addAll(nodes.get(m.to().toString()).step(m));
            }
            for (RaftMessage m : CoreHarness.sent(out)) {
                if (m instanceof AppendEntriesRequest) {
                    appendsSent++;
                }
                inFlight.add(m);
            }
            maxInFlight = Math.max(maxInFlight, inFlight.size());
        }
        String repro = "seed " + seed + ": mvn -B -q -pl engine -am verify -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dtest=DuplicationStormTest (appends " + appendsSent + ", ticks " + ticks + ", proposals "
                + proposals + ", max in flight " + maxInFlight + ")";
        // Per tick and follower: one heartbeat, at most one broadcast of a proposal, one retried
        // probe and a commit notice. Before the fix, each duplicated answer re-sent a probe and the
        // count grew to ~10 per tick with the backlog growing without bound.
        assertThat(appendsSent)
                .as("AppendEntries sent stay proportional to ticks, " + repro)
                .isLessThanOrEqualTo(5L * ticks);
        assertThat(maxInFlight).as("messages in flight stay bounded, " + repro).isLessThan(150);
        long committed = nodes.values().stream()
                .mapToLong(h -> h.core.log().committed())
                .max()
                .orElseThrow();
        assertThat(committed).as("replication still makes progress, " + repro).isGreaterThan(proposals / 2);
    }
}
