package io.raftsim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.NodeOptions;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.RunDriver;
import io.raftsim.harness.run.RunInput;
import io.raftsim.harness.run.RunProbe;
import io.raftsim.workload.nemesis.EngineKnobs;
import io.raftsim.workload.nemesis.KnobPins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --knob NAME=VALUE} pins swarm-drawn engine knobs for run, fuzz, replay and shrink: bad pins
 * are usage errors (exit 2), pins are spelled out in the repro command (which parses back to the
 * same run), they reach every node's engine options, and the seed's other draws stay the same.
 */
class KnobOptionTest {
    private static RunConfig parse(String... args) {
        RunCommand rc = new RunCommand();
        new CommandLine(rc).parseArgs(args);
        return rc.options.toConfig(rc.seed);
    }

    @Test
    void badPinsAreUsageErrors() {
        assertThat(RaftsimCli.run("run", "--seed", "1", "--knob", "electionTimeout=150"))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("run", "--seed", "1", "--knob", "electionTimeoutMs=155"))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("fuzz", "--seeds", "0..1", "--knob", "preVote=maybe"))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
        assertThat(RaftsimCli.run("fuzz", "--seeds", "0..1", "--knob", "maxAppendEntries"))
                .isEqualTo(RaftsimCli.EXIT_USAGE);
    }

    @Test
    void pinsAreInTheReproAndParseBackToTheSameRun() {
        RunConfig cfg = parse(
                "--seed",
                "7",
                "--read-mode",
                "lease",
                "--knob",
                "maxAppendEntries=2",
                "--knob",
                "electionTimeoutMs=150");
        assertThat(cfg.knobPins().specs()).containsExactly("electionTimeoutMs=150", "maxAppendEntries=2");
        String repro = cfg.reproCommand();
        assertThat(repro).endsWith(" --knob electionTimeoutMs=150 --knob maxAppendEntries=2");
        assertThat(ParsedRepro.parse(repro).config()).isEqualTo(cfg);
        // Without pins the repro reads as it always did.
        assertThat(parse("--seed", "7").reproCommand()).doesNotContain("--knob");
    }

    @Test
    void pinnedKnobsReachEveryEngineAndTheSeedsOtherDrawsStay() {
        RunConfig drawn = parse("--seed", "3", "--time", "3s", "--ops", "20", "--nemesis", "kill,isolate");
        RunConfig pinned = drawn.withKnobPins(KnobPins.parse(List.of("electionTimeoutMs=200", "maxInflightAppends=3")));
        RunInput a = RunInput.draw(drawn);
        RunInput b = RunInput.draw(pinned);
        EngineKnobs k = b.schedule().knobs();
        assertThat(k.electionTimeoutMs()).isEqualTo(200);
        assertThat(k.maxInflightAppends()).isEqualTo(3);
        assertThat(k.maxAppendEntries()).isEqualTo(a.schedule().knobs().maxAppendEntries());
        assertThat(b.schedule().events()).isEqualTo(a.schedule().events());
        assertThat(b.ops()).isEqualTo(a.ops());

        List<NodeOptions> options = new ArrayList<>();
        RunDriver.run(pinned, b, Duration.ofSeconds(30), Long.MAX_VALUE, (ms, ev) -> {}, new RunProbe() {
            @Override
            public void afterStop(Cluster cluster) {
                for (int s = 0; s < cluster.size(); s++) {
                    options.add(cluster.process(s).engineOptions());
                }
            }
        });
        assertThat(options).hasSize(5).allSatisfy(o -> {
            assertThat(o.electionTimeoutMs()).isEqualTo(200);
            assertThat(o.heartbeatIntervalMs()).isEqualTo(k.heartbeatIntervalMs());
            assertThat(o.maxInflightAppends()).isEqualTo(3);
        });
    }
}
