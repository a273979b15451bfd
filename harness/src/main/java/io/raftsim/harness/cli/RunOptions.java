package io.raftsim.harness.cli;

import io.raftsim.harness.run.NemesisSpec;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.harness.run.RunConfig;
import io.raftsim.harness.run.Workload;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options that shape a run, shared by {@code run}, {@code fuzz} and {@code replay}. */
final class RunOptions {
    @Option(names = "--nodes", defaultValue = "5", description = "Cluster size. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(
            names = "--workload",
            defaultValue = "kv",
            description = "register (one key) or kv (many keys). Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(
            names = "--ops",
            defaultValue = "2000",
            description = "Client operations to issue. Default: ${DEFAULT-VALUE}.")
    int ops;

    @Option(
            names = "--time",
            defaultValue = "60s",
            description =
                    "Simulated run length (fault phase + quiet phase), e.g. 60s, 1500ms. Default: ${DEFAULT-VALUE}.")
    String time;

    @Option(
            names = "--nemesis",
            defaultValue = "all",
            description = "all (swarm: a random subset per seed of the supported kinds but those the engine does not"
                    + " survive yet and the opt-in kinds), everything (the held-back ones too; opt-in kinds"
                    + " — leader-clock-drift, membership-race — only by name), none, or a comma"
                    + " list of fault kinds."
                    + " Default: ${DEFAULT-VALUE}.")
    String nemesis;

    @Option(
            names = "--read-mode",
            defaultValue = "read-index",
            description = "How clients read: log (through the raft log), read-index (ReadIndex, then the local store),"
                    + " lease (leader lease; assumes clock drift below 50 ms per election timeout, so clock"
                    + " offsets and jumps are held back and clock drifts kept within that bound)."
                    + " Default: ${DEFAULT-VALUE}.")
    String readMode;

    @Option(
            names = "--clients",
            defaultValue = "5",
            description = "Concurrent client processes. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(
            names = "--readers",
            defaultValue = "0",
            description = "Dedicated reader processes on top of --clients (as a Jepsen test runs many concurrent"
                    + " readers): reader i starts every read at node i mod --nodes, reads every 0 to 2 ms, and"
                    + " retries a refused read after 0.5 to 2.5 ms (clients back off 5 to 25 ms) and re-sends an"
                    + " unanswered one after 25 ms, so reads keep reaching every node, right after elections too;"
                    + " a reader's unanswered read is recorded fail (a read has no effect)."
                    + " Default: ${DEFAULT-VALUE}.")
    int readers;

    @Option(
            names = "--writers",
            defaultValue = "0",
            description = "Dedicated writer processes on top of --clients and --readers (the write side of"
                    + " --readers): writer i starts every write at node i mod --nodes, follows that node's"
                    + " redirect to the leader it names (a node that names none passes it on to the next),"
                    + " thinks 0 to 100 ms between writes, and asks its node again after"
                    + " 10 ms without an answer (clients wait a quarter of the op timeout), so writes commit"
                    + " through a new leader as soon as its followers know it. Default: ${DEFAULT-VALUE}.")
    int writers;

    @Option(
            names = "--knob",
            paramLabel = "NAME=VALUE",
            description = "Pin one engine knob the swarm otherwise draws per seed (repeatable): electionTimeoutMs,"
                    + " heartbeatIntervalMs (multiples of 10 ms), maxAppendEntries, maxInflightAppends,"
                    + " snapshotIntervalEntries, preVote, checkQuorum; e.g. --knob electionTimeoutMs=150. Every"
                    + " other draw of the seed stays the same; a pinned election timeout keeps the drawn heartbeat's"
                    + " share of it. Recorded in the repro command. Default: none (all drawn).")
    java.util.List<String> knobs = new java.util.ArrayList<>();

    /** A line naming the kinds {@code all} holds back and why, or null. */
    static String heldBackNote(RunConfig cfg) {
        if (!cfg.nemesis().text().equals("all") || io.raftsim.harness.run.NemesisSpec.HELD_BACK.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("  note: --nemesis all holds back");
        io.raftsim.harness.run.NemesisSpec.HELD_BACK.forEach((k, why) ->
                sb.append(' ').append(k.cliName()).append(" (").append(why).append(')'));
        return sb.append("; --nemesis everything enables them").toString();
    }

    RunConfig toConfig(long seed) {
        Workload w;
        try {
            w = Workload.valueOf(workload.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --workload '" + workload + "': expected register or kv");
        }
        ReadMode rm;
        try {
            rm = ReadMode.valueOf(readMode.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --read-mode '" + readMode + "': expected log, read-index or lease");
        }
        try {
            return new RunConfig(
                    seed,
                    nodes,
                    w,
                    ops,
                    RunConfig.parseDurationMs(time),
                    NemesisSpec.parse(nemesis),
                    rm,
                    clients,
                    2_000,
                    false,
                    readers,
                    writers,
                    io.raftsim.workload.nemesis.KnobPins.parse(knobs));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
