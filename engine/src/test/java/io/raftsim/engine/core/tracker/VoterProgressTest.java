package io.raftsim.engine.core.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.quorum.JointConfig;
import io.raftsim.engine.core.quorum.MajorityConfig;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tracker's cached quorum arithmetic must agree with {@link JointConfig#committedIndexOf} (the
 * definition) on every configuration: simple and joint, peers without progress, the node itself
 * counted at the current round, and peers equal to but not the same instance as the config's.
 */
class VoterProgressTest {
    private static final String[] NAMES = {"a", "b", "c", "d", "e", "f", "g"};

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void agreesWithTheJointConfigDefinition(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            TreeSet<PeerId> incoming = randomPeers(rnd);
            TreeSet<PeerId> outgoing = rnd.nextBoolean() ? new TreeSet<>() : randomPeers(rnd);
            JointConfig config = new JointConfig(new MajorityConfig(incoming), new MajorityConfig(outgoing));
            Map<PeerId, Progress> progress = new TreeMap<>();
            TreeSet<PeerId> all = new TreeSet<>(incoming);
            all.addAll(outgoing);
            for (PeerId p : all) {
                if (rnd.nextInt(5) > 0) {
                    Progress pr = new Progress(1 + rnd.nextInt(50), 4);
                    pr.maybeUpdate(pr.nextIndex() - 1);
                    pr.ackRound(rnd.nextInt(20));
                    // A distinct but equal instance, as a peer parsed by another node would be.
                    progress.put(new PeerId(p.endpoint(), p.idx()), pr);
                }
            }
            PeerId self = new PeerId(NAMES[rnd.nextInt(NAMES.length)], 0);
            long selfRound = 20 + rnd.nextInt(5);
            VoterProgress v = new VoterProgress(config, self, progress::get);
            String repro = "repro: mvn -pl engine -am test -Dtest=VoterProgressTest; seed " + seed + " round " + round
                    + ": " + config + " progress " + progress.keySet();
            assertThat(v.committedIndex()).as(repro).isEqualTo(config.committedIndexOf(p -> {
                Progress pr = progress.get(p);
                return pr == null ? 0 : pr.matchIndex();
            }));
            assertThat(v.ackedRound(selfRound)).as(repro + " self " + self).isEqualTo(config.committedIndexOf(p -> {
                Progress pr = progress.get(p);
                if (pr == null) {
                    return 0;
                }
                return p.equals(self) ? selfRound : pr.ackedRound();
            }));
        }
    }

    private static TreeSet<PeerId> randomPeers(SplittableRandom rnd) {
        TreeSet<PeerId> out = new TreeSet<>();
        int n = 1 + rnd.nextInt(NAMES.length);
        while (out.size() < n) {
            out.add(PeerId.of(NAMES[rnd.nextInt(NAMES.length)]));
        }
        return out;
    }
}
