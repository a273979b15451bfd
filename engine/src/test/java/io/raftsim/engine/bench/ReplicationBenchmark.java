package io.raftsim.engine.bench;

import io.raftsim.engine.NodeOptions;
import io.raftsim.engine.Status;
import io.raftsim.engine.Task;
import io.raftsim.engine.node.NodeImpl;
import io.raftsim.engine.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Benchmark (a main, not a test): a 3-node in-memory cluster on deterministic virtual time with
 * fsync and network latency, driven by closed-loop clients; batching on vs off. Prints commits per
 * wall-second (engine CPU cost: the whole cluster runs on one thread as fast as it can), commits per
 * simulated second (protocol efficiency under the latency model), and messages and fsyncs per
 * commit. Wall time is read only here, around the run.
 *
 * <pre>
 * mvn -q -pl engine test-compile
 * java -cp engine/target/classes:engine/target/test-classes io.raftsim.engine.bench.ReplicationBenchmark [commits]
 * </pre>
 */
public final class ReplicationBenchmark {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    private record Result(
            String mode,
            long commits,
            double wallSeconds,
            double simSeconds,
            long messages,
            long logFsyncs,
            long metaFsyncs) {}

    private static final class Load {
        long issued;
        long committed;
        long failed;
    }

    public static void main(String[] args) {
        long commits = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        // Warm up the JIT on a short run of each mode, then measure.
        run("warmup", true, commits / 10, clients);
        run("warmup", false, commits / 10, clients);
        Result on = run("batching on", true, commits, clients);
        Result off = run("batching off", false, commits, clients);
        System.out.printf(
                Locale.ROOT,
                "3 nodes, %d closed-loop clients, 16-byte tasks, fsync 1 ms, FIFO links with one-way latency"
                        + " 100-300 us (virtual)%n",
                clients);
        System.out.println("| mode | commits | wall s | commits/wall-s | commits/sim-s | msgs/commit |"
                + " log fsyncs/commit | meta fsyncs |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : new Result[] {on, off}) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.0f | %.0f | %.2f | %.3f | %d |%n",
                    r.mode,
                    r.commits,
                    r.wallSeconds,
                    r.commits / r.wallSeconds,
                    r.commits / r.simSeconds,
                    (double) r.messages / r.commits,
                    (double) r.logFsyncs / r.commits,
                    r.metaFsyncs);
        }
    }

    private static Result run(String mode, boolean batching, long target, int clients) {
        NodeOptions.Builder options = NodeOptions.builder()
                .tickIntervalMs(10)
                .electionTimeoutMs(500)
                .heartbeatIntervalMs(100)
                .proposalBatching(batching)
                .maxEntriesPerAppend(batching ? 256 : 1)
                .maxInflightAppends(batching ? 64 : 1024)
                .maxPendingTasks(1_000_000);
        TestCluster c = new TestCluster(3, 42, options, MS, 100 * US, 300 * US, 0.0);
        c.setFifo(true);
        for (int i = 0; i < 3; i++) {
            c.log(i).setGroupCommit(batching);
        }
        c.runFor(3_000 * MS);
        int leaderIndex = c.leader();
        if (leaderIndex < 0) {
            throw new IllegalStateException("no leader elected for " + mode);
        }
        NodeImpl leader = c.node(leaderIndex);
        long msgs0 = c.messages();
        long log0 = 0;
        long meta0 = 0;
        for (int i = 0; i < 3; i++) {
            log0 += c.log(i).fsyncCount();
            meta0 += c.meta(i).fsyncCount();
        }
        long sim0 = c.scheduler().nowNanos();
        Load load = new Load();
        byte[] payload = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < clients; k++) {
            issue(leader, load, payload, target);
        }
        long wall0 = System.nanoTime();
        while (load.committed < target) {
            if (!c.scheduler().step()) {
                throw new IllegalStateException("event queue drained at " + load.committed + " commits");
            }
            if (load.failed > 0) {
                throw new IllegalStateException(mode + ": " + load.failed + " tasks failed");
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double sim = (c.scheduler().nowNanos() - sim0) / 1e9;
        long logF = -log0;
        long metaF = -meta0;
        for (int i = 0; i < 3; i++) {
            logF += c.log(i).fsyncCount();
            metaF += c.meta(i).fsyncCount();
        }
        if (!mode.equals("warmup")) {
            System.out.println(mode + " messages by type (including the election): " + c.messagesByType());
        }
        return new Result(mode, load.committed, wall, sim, c.messages() - msgs0, logF, metaF);
    }

    private static void issue(NodeImpl leader, Load load, byte[] payload, long target) {
        if (load.issued >= target) {
            return;
        }
        load.issued++;
        leader.apply(Task.of(payload, (Status st) -> {
            if (st.isOk()) {
                load.committed++;
                issue(leader, load, payload, target);
            } else {
                load.failed++;
            }
        }));
    }
}
