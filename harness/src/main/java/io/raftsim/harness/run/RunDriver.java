package io.raftsim.harness.run;

import io.raftsim.checker.CheckOptions;
import io.raftsim.checker.CheckResult;
import io.raftsim.checker.LinearizabilityChecker;
import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.engine.NodeState;
import io.raftsim.harness.client.ClientDriver;
import io.raftsim.harness.client.ClientOptions;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.NemesisDriver;
import io.raftsim.harness.cluster.NodeProcess;
import io.raftsim.harness.cluster.ProcessStatus;
import io.raftsim.harness.invariant.InvariantMonitor;
import io.raftsim.harness.invariant.InvariantViolation;
import io.raftsim.sim.EventLog;
import io.raftsim.sim.RunResult;
import io.raftsim.sim.Simulation;
import io.raftsim.sim.jdk.JdkStopwatch;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one seed: builds the cluster in a fresh {@link Simulation}, plays the fault schedule and the
 * clients, checks the online invariants throughout, liveness in the quiet phase, and the history's
 * linearizability at the end. Single-threaded and deterministic: same config and input, same trace
 * hash (the checker's wall-clock budget can only turn valid into unknown, never change the trace).
 */
public final class RunDriver {
    /** A trace-hash checkpoint every this many events, to locate a divergence. */
    public static final int CHECKPOINT_EVENTS = 4096;
    /** Events kept for {@code events.log}. */
    public static final int EVENT_TAIL = 20_000;
    /**
     * A healthy 5-node run executes about 1,500 events per simulated second; a run that executes
     * more than this many per simulated millisecond, or holds more than {@link #MAX_PENDING} events
     * at once, is a message storm or a timer livelock: stopped and reported as a liveness failure.
     */
    public static final long MAX_EVENTS_PER_MS = 100;

    public static final int MAX_PENDING = 1_000_000;
    /** Time the cluster gets after the heal before liveness is demanded. */
    public static final long SETTLE_MS = 5_000;
    /** Simulated time the live nodes get, after the run, to converge. */
    public static final long CONVERGE_BOUND_MS = 30_000;

    private static final long MS = 1_000_000L;

    private RunDriver() {}

    public static RunOutcome run(RunConfig cfg) {
        return run(cfg, RunInput.draw(cfg), Duration.ofSeconds(30), Long.MAX_VALUE);
    }

    /**
     * Runs {@code input} under {@code cfg}. {@code stopAtEvent} cuts the run short after that many
     * events (to capture the event log around a divergence); a cut run is not judged.
     */
    public static RunOutcome run(RunConfig cfg, RunInput input, Duration checkBudget, long stopAtEvent) {
        return run(cfg, input, checkBudget, stopAtEvent, (simMs, events) -> {});
    }

    /** Told, every {@link #CHECKPOINT_EVENTS} events, how far the run is (for {@code run}'s progress). */
    @FunctionalInterface
    public interface Progress {
        void at(long simulatedMs, long events);
    }

    public static RunOutcome run(
            RunConfig cfg, RunInput input, Duration checkBudget, long stopAtEvent, Progress progress) {
        return run(cfg, input, checkBudget, stopAtEvent, progress, RunProbe.NONE);
    }

    /** As above, with a {@link RunProbe} that sees the cluster before it starts and after it stops. */
    public static RunOutcome run(
            RunConfig cfg, RunInput input, Duration checkBudget, long stopAtEvent, Progress progress, RunProbe probe) {
        JdkStopwatch wall = new JdkStopwatch();
        Simulation sim = new Simulation(cfg.seed());
        EventLog eventLog = sim.enableEventLog(EVENT_TAIL);
        // Replacement nodes get identities of their own: the monitor tracks them all from the start.
        int spares = NemesisDriver.sparesFor(input.schedule());
        InvariantMonitor monitor = new InvariantMonitor(cfg.nodes() + spares);
        Cluster cluster = new Cluster(
                sim,
                cfg.nodes(),
                spares,
                input.schedule().knobs(),
                monitor,
                cfg.unsafeAckBeforeFsync(),
                cfg.readMode() == ReadMode.LEASE);
        NemesisDriver nemesis = new NemesisDriver(cluster, input.schedule());
        long healMs = input.schedule().healAtMs();
        long endMs = cfg.timeMs();
        ClientOptions co = new ClientOptions(
                cfg.clients(),
                cfg.opTimeoutMs(),
                Math.max(50, cfg.opTimeoutMs() / 4),
                cfg.workload() == Workload.KV,
                endMs - cfg.opTimeoutMs() - 1_000,
                Math.min(healMs + SETTLE_MS, endMs),
                cfg.readMode() != ReadMode.LOG,
                ReaderMix.of(cfg.readers(), cfg.workload().defaultMix().keys()),
                WriterMix.of(
                        cfg.writers(),
                        cfg.workload().defaultMix().keys(),
                        cfg.workload().defaultMix().valueRange()));
        ClientDriver clients = new ClientDriver(sim, cluster, monitor, co, input.ops());
        List<String> checkpoints = new ArrayList<>();
        Failure failure = null;
        boolean unknown = false;
        String unknownWhy = null;
        probe.beforeStart(cluster);
        try {
            cluster.startAll();
            nemesis.start();
            clients.start();
            while (true) {
                long budget = Math.min(CHECKPOINT_EVENTS, stopAtEvent - sim.executedEvents());
                RunResult r = sim.run(budget, endMs * MS);
                checkpoints.add(sim.traceHash().hex());
                progress.at(sim.nowNs() / MS, sim.executedEvents());
                if (r != RunResult.STEP_BUDGET) {
                    break;
                }
                if (sim.executedEvents() >= stopAtEvent) {
                    unknown = true;
                    unknownWhy = "cut at event " + stopAtEvent;
                    break;
                }
                long maxEvents = Math.max(1_000_000L, endMs * MAX_EVENTS_PER_MS);
                if (sim.executedEvents() > maxEvents || sim.pendingEvents() > MAX_PENDING) {
                    failure = new Failure(
                            Failure.Kind.LIVENESS,
                            "event storm: " + sim.executedEvents() + " events executed, " + sim.pendingEvents()
                                    + " pending at " + sim.nowNs() / MS + " ms (budget " + maxEvents + " events, "
                                    + MAX_PENDING + " pending); the event log's tail shows what loops");
                    break;
                }
            }
        } catch (InvariantViolation v) {
            failure = new Failure(Failure.Kind.INVARIANT, v.getMessage() + " (at " + sim.nowNs() / MS + " ms)");
        } catch (RuntimeException e) {
            failure = new Failure(Failure.Kind.CRASH, crashDetail(e, sim));
        }
        clients.finish();
        probe.afterStop(cluster, nemesis);
        if (failure == null && !unknown) {
            try {
                failure = liveness(sim, cluster, clients, nemesis);
            } catch (InvariantViolation v) {
                failure = new Failure(Failure.Kind.INVARIANT, v.getMessage() + " (at " + sim.nowNs() / MS + " ms)");
            } catch (RuntimeException e) {
                failure = new Failure(Failure.Kind.CRASH, crashDetail(e, sim));
            }
        }
        if (failure == null && !unknown) {
            failure = restartDurability(cluster, nemesis.damagedAtRest());
        }
        CheckResult check = null;
        if (failure == null && !unknown) {
            check = checkLinearizable(cfg, clients, checkBudget);
            if (check.verdict() == io.raftsim.checker.Verdict.INVALID) {
                failure = new Failure(
                        Failure.Kind.LINEARIZABILITY,
                        check.counterexample().map(c -> c.explain()).orElse(check.reason()));
            } else if (check.verdict() == io.raftsim.checker.Verdict.UNKNOWN) {
                unknown = true;
                unknownWhy = "linearizability checker: " + check.reason();
            }
        }
        Verdict verdict = failure != null ? Verdict.INVALID : unknown ? Verdict.UNKNOWN : Verdict.VALID;
        if (verdict == Verdict.UNKNOWN) {
            failure = new Failure(Failure.Kind.LINEARIZABILITY, unknownWhy);
        }
        Map<String, Long> fired = names(nemesis.fired());
        Map<String, Long> skipped = names(nemesis.skipped());
        RunSummary summary = new RunSummary(
                cfg.seed(),
                verdict,
                verdict == Verdict.VALID ? null : failure,
                sim.traceHash().hex(),
                sim.nowNs() / MS,
                Math.round(wall.elapsedSeconds() * 1000),
                sim.executedEvents(),
                clients.counts(),
                fired,
                skipped,
                monitor.electionsWon(),
                cluster.snapshotsInstalled(),
                nemesis.membershipChanges(),
                nemesis.leaderTransfers(),
                cfg.reproCommand());
        return new RunOutcome(
                summary,
                cfg,
                input,
                clients.history(),
                cluster.roleChanges(),
                nemesis.bands(),
                eventLog.view(),
                checkpoints,
                check);
    }

    private static Map<String, Long> names(Map<FaultKind, Long> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k.cliName(), v));
        return out;
    }

    private static String crashDetail(RuntimeException e, Simulation sim) {
        StringBuilder sb = new StringBuilder(e.toString())
                .append(" at ")
                .append(sim.nowNs() / MS)
                .append(" ms");
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) {
            sb.append("\n    at ").append(st[i]);
        }
        return sb.toString();
    }

    /**
     * A node must always restart from its own disk unless a fault damaged that node's data at rest
     * (bit rot, a latent read error): crashes only lose what was never synced (log recovery cuts
     * an unsynced tail, torn in any order, and reports only damage as CORRUPT), and a failed fsync
     * stops the node (braft) rather than leaving a hole. An unreadable log on a node no such fault
     * touched means synced data was lost or overwritten: the signature of an fsync error that was
     * ignored (issue 8, mutants) or of recovery mistaking a crash for corruption.
     */
    private static Failure restartDurability(Cluster cluster, java.util.Set<Integer> damagedAtRest) {
        StringBuilder sb = new StringBuilder();
        cluster.failedStartsByNode().forEach((node, count) -> {
            if (!damagedAtRest.contains(node)) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append("n")
                        .append(node)
                        .append(" x")
                        .append(count);
            }
        });
        if (sb.length() == 0) {
            return null;
        }
        String why = cluster.startFailures();
        return new Failure(
                Failure.Kind.LIVENESS,
                "restart-durability: restart(s) found the node's own storage unreadable (" + sb
                        + ") although no fault damaged that node's data at rest (bit-flip or read-error on it: "
                        + damagedAtRest + "); first: " + cluster.firstStartFailure()
                        + (why == null || why.isEmpty() ? "" : "; still down: " + why));
    }

    /**
     * After the heal: every op of the quiet phase completed, and the live nodes converge to the
     * same applied index and state within {@link #CONVERGE_BOUND_MS} of simulated time after the
     * run's end (no new ops meanwhile; a follower restarted late may have a long log to catch up on).
     */
    private static Failure liveness(Simulation sim, Cluster cluster, ClientDriver clients, NemesisDriver nemesis) {
        String down = cluster.startFailures() == null ? "" : " (" + cluster.startFailures() + ")";
        if (clients.livenessFailure() != null) {
            return new Failure(Failure.Kind.LIVENESS, clients.livenessFailure() + down);
        }
        long deadline = sim.nowNs() + CONVERGE_BOUND_MS * MS;
        // A node replacement still in flight must finish too: the configured number of voters, the
        // new node in and the old one out.
        String lag = lag(cluster, nemesis);
        while (lag != null && sim.nowNs() < deadline) {
            sim.run(Long.MAX_VALUE, Math.min(deadline, sim.nowNs() + 100 * MS));
            lag = lag(cluster, nemesis);
        }
        return lag == null
                ? null
                : new Failure(
                        Failure.Kind.LIVENESS,
                        "live nodes did not converge within " + CONVERGE_BOUND_MS + " ms after the run: " + lag + down);
    }

    private static String lag(Cluster cluster, NemesisDriver nemesis) {
        String replacing = nemesis.unfinishedReplacement();
        return replacing != null ? replacing : divergence(cluster);
    }

    /**
     * Null when every live node has applied the same index to the same state; else who lags. The
     * nodes are the slots' occupants: a retired node is not expected to converge, its replacement is.
     */
    private static String divergence(Cluster cluster) {
        long applied = -1;
        int first = -1;
        for (int i = 0; i < cluster.size(); i++) {
            NodeProcess p = cluster.process(i);
            if (p.status() != ProcessStatus.UP || p.node() == null) {
                continue;
            }
            if (p.node().describe().state() == NodeState.ERROR) {
                continue;
            }
            long a = p.stateMachine().appliedIndex();
            if (applied < 0) {
                applied = a;
                first = i;
            } else if (a != applied) {
                return "node " + cluster.process(first).index() + " applied up to " + applied + ", node " + p.index()
                        + " up to " + a;
            } else if (!p.stateMachine()
                    .store()
                    .registers()
                    .equals(cluster.process(first).stateMachine().store().registers())) {
                return "nodes " + cluster.process(first).index() + " and " + p.index() + " applied up to " + a
                        + " but hold different registers";
            }
        }
        return applied < 0 ? "no node is up at the end of the run" : null;
    }

    /** Explored (linearized set, state) configurations per key before the checker says unknown. */
    static final long CHECK_MAX_CONFIGURATIONS = 5_000_000;

    private static CheckResult checkLinearizable(RunConfig cfg, ClientDriver clients, Duration budget) {
        Model model = Models.byName("cas-register").orElseThrow();
        // One thread and a configurations budget keep the verdict independent of machine speed;
        // the wall-clock limit is only a safety net against a pathological history.
        CheckOptions o = CheckOptions.defaults()
                .withParallelism(1)
                .withMaxConfigurations(CHECK_MAX_CONFIGURATIONS)
                .withTimeLimit(budget);
        return LinearizabilityChecker.check(clients.recorded(), model, o);
    }
}
