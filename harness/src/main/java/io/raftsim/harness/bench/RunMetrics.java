package io.raftsim.harness.bench;

import io.raftsim.harness.cluster.RoleChange;
import io.raftsim.harness.run.RunOutcome;
import io.raftsim.harness.run.Verdict;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of one variant measured, all in simulated time. {@code NaN} marks a figure the run
 * could not have (no leader kill in the scenario, no committed op).
 *
 * @param commitP50Ms median time from invoke to ok of the writes and CASes that succeeded
 * @param commitP99Ms the same, 99th percentile
 * @param readP50Ms median time from invoke to ok of the reads (log, ReadIndex or lease: the read mode)
 * @param throughputOpsPerSec ok ops (reads included: with log reads they commit too) per simulated second
 * @param leaderlessMs total simulated time, after the first election, with no node in the leader role
 * @param killToLeaderMs mean time from a leader kill to the next node taking the leader role
 * @param killToOkMs mean time from a leader kill to the next op that completes ok
 * @param elections elections won
 * @param campaigns elections started: times some node became a candidate (in a new term)
 * @param maxTerm highest term any node reached, candidates included: the run's term increments
 * @param maxLeaderTerm highest term in which some node led: how far the cluster's term climbed
 * @param messagesPerOp network messages sent per ok op
 * @param bytesPerOp network bytes sent per ok op
 * @param fsyncsPerOp file fsyncs on all disks per ok op
 * @param snapshotBytes bytes of snapshot file chunks sent (InstallSnapshot), all nodes, whole run
 */
public record RunMetrics(
        long seed,
        Verdict verdict,
        String failure,
        double commitP50Ms,
        double commitP99Ms,
        double readP50Ms,
        double throughputOpsPerSec,
        double leaderlessMs,
        double killToLeaderMs,
        double killToOkMs,
        double elections,
        double campaigns,
        double maxTerm,
        double maxLeaderTerm,
        double messagesPerOp,
        double bytesPerOp,
        double fsyncsPerOp,
        double snapshotBytes,
        String repro) {

    private static final double MS = 1e6;

    /** The metrics by display name, in table order. */
    public Map<String, Double> figures() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("commitP50Ms", commitP50Ms);
        m.put("commitP99Ms", commitP99Ms);
        m.put("readP50Ms", readP50Ms);
        m.put("throughputOpsPerSec", throughputOpsPerSec);
        m.put("leaderlessMs", leaderlessMs);
        m.put("killToLeaderMs", killToLeaderMs);
        m.put("killToOkMs", killToOkMs);
        m.put("elections", elections);
        m.put("campaigns", campaigns);
        m.put("maxTerm", maxTerm);
        m.put("maxLeaderTerm", maxLeaderTerm);
        m.put("messagesPerOp", messagesPerOp);
        m.put("bytesPerOp", bytesPerOp);
        m.put("fsyncsPerOp", fsyncsPerOp);
        m.put("snapshotBytes", snapshotBytes);
        return m;
    }

    static RunMetrics of(RunOutcome o, ScenarioProbe probe, String repro) {
        List<Op> history = o.history();
        Map<io.raftsim.history.ProcessId, Long> openInvoke = new LinkedHashMap<>();
        List<Double> latencies = new ArrayList<>();
        List<Double> readLatencies = new ArrayList<>();
        List<Long> okTimes = new ArrayList<>();
        for (Op op : history) {
            io.raftsim.history.ProcessId proc = op.process();
            if (op.type() == OpType.INVOKE) {
                openInvoke.put(proc, op.timeNs());
                continue;
            }
            Long start = openInvoke.remove(proc);
            if (op.type() != OpType.OK) {
                continue;
            }
            okTimes.add(op.timeNs());
            if (start != null) {
                (op.f().equals("read") ? readLatencies : latencies).add((op.timeNs() - start) / MS);
            }
        }
        double[] lat = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(lat);
        double[] readLat =
                readLatencies.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(readLat);
        double ok = okTimes.size();
        double simSec = o.summary().simulatedMs() / 1000.0;
        double killToLeader = Double.NaN;
        double killToOk = Double.NaN;
        if (!probe.leaderKillsMs.isEmpty()) {
            double sumLeader = 0;
            double sumOk = 0;
            for (long killMs : probe.leaderKillsMs) {
                long killNs = killMs * 1_000_000L;
                sumLeader += (firstLeaderAfter(o.roles(), killNs) - killNs) / MS;
                sumOk += (firstAfter(okTimes, killNs, o.summary().simulatedMs() * 1_000_000L) - killNs) / MS;
            }
            killToLeader = sumLeader / probe.leaderKillsMs.size();
            killToOk = sumOk / probe.leaderKillsMs.size();
        }
        return new RunMetrics(
                o.summary().seed(),
                o.summary().verdict(),
                o.summary().failure() == null
                        ? null
                        : o.summary().failure().kind().jsonName() + ": "
                                + firstLine(o.summary().failure().detail()),
                Stats.quantile(lat, 0.5),
                Stats.quantile(lat, 0.99),
                Stats.quantile(readLat, 0.5),
                simSec > 0 ? ok / simSec : Double.NaN,
                leaderlessMs(o.roles(), o.config().nodes(), o.summary().simulatedMs() * 1_000_000L),
                killToLeader,
                killToOk,
                o.summary().leaders(),
                campaigns(o.roles()),
                maxTerm(o.roles()),
                maxLeaderTerm(o.roles()),
                ok > 0 ? probe.network.sent() / ok : Double.NaN,
                ok > 0 ? probe.network.bytesSent() / ok : Double.NaN,
                ok > 0 ? probe.fsyncs / ok : Double.NaN,
                probe.snapshotBytes,
                repro);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static long firstAfter(List<Long> sortedTimes, long t, long end) {
        for (long x : sortedTimes) {
            if (x > t) {
                return x;
            }
        }
        return end;
    }

    private static long firstLeaderAfter(List<RoleChange> roles, long t) {
        for (RoleChange r : roles) {
            if (r.timeNs() > t && r.state().equals("LEADER")) {
                return r.timeNs();
            }
        }
        return roles.isEmpty() ? t : Math.max(t, roles.get(roles.size() - 1).timeNs());
    }

    /** Each CANDIDATE record is a new candidacy: the harness notes a role change only on a new state or term. */
    static double campaigns(List<RoleChange> roles) {
        long n = 0;
        for (RoleChange r : roles) {
            if (r.state().equals("CANDIDATE")) {
                n++;
            }
        }
        return n;
    }

    static double maxTerm(List<RoleChange> roles) {
        long max = 0;
        for (RoleChange r : roles) {
            max = Math.max(max, r.term());
        }
        return max;
    }

    static double maxLeaderTerm(List<RoleChange> roles) {
        long max = 0;
        for (RoleChange r : roles) {
            if (r.state().equals("LEADER")) {
                max = Math.max(max, r.term());
            }
        }
        return max;
    }

    /** Time with no node in the leader role, from the first election to {@code endNs}. */
    static double leaderlessMs(List<RoleChange> roles, int nodes, long endNs) {
        boolean[] leading = new boolean[nodes];
        int leaders = 0;
        boolean started = false;
        long since = 0;
        long total = 0;
        for (RoleChange r : roles) {
            boolean now = r.state().equals("LEADER");
            if (now != leading[r.node()]) {
                leading[r.node()] = now;
                int before = leaders;
                leaders += now ? 1 : -1;
                if (before == 0 && leaders == 1) {
                    if (started) {
                        total += r.timeNs() - since;
                    }
                    started = true;
                } else if (before == 1 && leaders == 0) {
                    since = r.timeNs();
                }
            }
        }
        if (started && leaders == 0) {
            total += endNs - since;
        }
        return started ? total / MS : endNs / MS;
    }
}
