package io.raftsim.workload.nemesis;

import io.raftsim.workload.SplitMix64;
import io.raftsim.workload.nemesis.Faults.*;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Draws a fault schedule from a seed. Swarm testing: each seed enables a random subset of the
 * allowed kinds, so that rare combinations get whole runs to themselves (a seed with only one-way
 * links explores them far deeper than a seed where they are 1 in 23). Faults are kept within what
 * Raft must survive: at most a minority of nodes down (killed, paused, disk-failed, removed,
 * being replaced) at once, one partition and one membership change (remove-readd or replace) at a
 * time, and durable data destroyed (bit flips) on one node only.
 */
public final class ScheduleGenerator {
    /** Faults start after the first election has had time to finish. */
    static final long FIRST_FAULT_MS = 1_000;

    private final NemesisConfig config;

    public ScheduleGenerator(NemesisConfig config) {
        this.config = config;
    }

    public Schedule generate(long seed) {
        SplitMix64 r = new SplitMix64(SplitMix64.derive(seed, "nemesis"));
        EngineKnobs knobs = EngineKnobs.draw(new SplitMix64(SplitMix64.derive(seed, "knobs")));
        List<FaultKind> enabled = enabledKinds(r, seed);
        int n = config.clusterSize();
        List<FaultEvent> events = new ArrayList<>();
        if (!enabled.isEmpty() && n > 1) {
            int bitFlipNode = r.nextInt(n);
            long t = FIRST_FAULT_MS;
            while (true) {
                t += 1 + (long) (-Math.log(1 - r.nextDouble()) * config.meanFaultIntervalMs());
                if (t >= config.healAtMs()) {
                    break;
                }
                FaultKind kind = enabled.get(r.nextInt(enabled.size()));
                FaultEvent e = draw(kind, t, r, n, bitFlipNode);
                long end = Math.min(e.endMs(), config.healAtMs());
                e = new FaultEvent(e.atMs(), end - e.atMs(), e.fault());
                if (fits(e, events, n)) {
                    events.add(e);
                }
            }
        }
        return new Schedule(n, enabled, knobs, events, config.healAtMs(), config.quietMs());
    }

    private List<FaultKind> enabledKinds(SplitMix64 r, long seed) {
        List<FaultKind> allowed = new ArrayList<>(EnumSet.copyOf(withNone(config.allowedKinds())));
        if (!config.swarm() || allowed.isEmpty()) {
            return allowed;
        }
        List<FaultKind> picked = new ArrayList<>();
        for (FaultKind k : allowed) {
            // Kinds added later toss their coin on a stream of their own (DESIGN.md section 2: adding
            // a fault type must not shift other choices), so a seed that leaves them off draws
            // exactly the schedule it drew before they existed, and recorded repros stay valid.
            boolean on = k.compareTo(FaultKind.LAST_ORIGINAL) <= 0
                    ? r.chance(0.5)
                    : new SplitMix64(SplitMix64.derive(seed, "nemesis.swarm." + k.cliName())).chance(0.5);
            if (on) {
                picked.add(k);
            }
        }
        if (picked.isEmpty()) {
            picked.add(allowed.get(r.nextInt(allowed.size())));
        }
        return picked;
    }

    private static java.util.Set<FaultKind> withNone(java.util.Set<FaultKind> kinds) {
        return kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : kinds;
    }

    static FaultEvent draw(FaultKind kind, long at, SplitMix64 r, int n, int bitFlipNode) {
        int node = r.nextInt(n);
        return switch (kind) {
            case KILL -> new FaultEvent(at, r.between(200, 3_000), new Kill(node));
            case TORN_WRITE -> new FaultEvent(at, r.between(200, 3_000), new TornCrash(node));
            case PAUSE -> new FaultEvent(at, r.between(100, 2_000), new Pause(node));
            case LEADER_CHURN ->
                new FaultEvent(
                        at,
                        r.between(1_000, 5_000),
                        new LeaderChurn(r.nextLong() >>> 1, r.between(0, 60), r.between(50, 600)));
            case FIGURE_EIGHT ->
                new FaultEvent(
                        at,
                        r.between(3_000, 8_000),
                        new FigureEight(r.nextLong() >>> 1, r.between(100, 1_500), r.between(0, 3)));
            case POWER_LOSS ->
                new FaultEvent(
                        at, r.between(200, 2_000), new PowerLoss(randomSubset(r, n, n / 2 + 1 + r.nextInt(n - n / 2))));
            case ISOLATE -> new FaultEvent(at, r.between(500, 5_000), new Isolate(node));
            case HALVES ->
                new FaultEvent(at, r.between(500, 5_000), new Halves(randomSubset(r, n, 1 + r.nextInt(n - 1))));
            case MAJORITY_MINORITY ->
                new FaultEvent(
                        at, r.between(500, 5_000), new MajorityMinority(randomSubset(r, n, Math.max(1, (n - 1) / 2))));
            case BRIDGE -> n < 3 ? new FaultEvent(at, r.between(500, 5_000), new Isolate(node)) : bridge(at, r, n);
            case RING -> new FaultEvent(at, r.between(500, 5_000), new Ring(randomSubset(r, n, n)));
            case ISOLATE_LEADER -> new FaultEvent(at, r.between(500, 5_000), new IsolateLeader());
            case ONE_WAY -> new FaultEvent(at, r.between(500, 8_000), new OneWay(node, other(r, n, node)));
            case LINK_LOSS ->
                new FaultEvent(at, r.between(500, 5_000), new LinkLoss(node, 0.05 + 0.45 * r.nextDouble()));
            case LINK_DUPLICATION ->
                new FaultEvent(at, r.between(500, 5_000), new LinkDuplication(node, 0.05 + 0.45 * r.nextDouble()));
            case LINK_DELAY -> new FaultEvent(at, r.between(500, 5_000), new LinkDelay(node, r.between(20, 1_000)));
            case CLOCK_OFFSET ->
                new FaultEvent(
                        at,
                        r.between(1_000, 8_000),
                        new ClockOffset(node, (r.chance(0.5) ? 1 : -1) * r.between(10, 2_000)));
            case CLOCK_DRIFT ->
                new FaultEvent(
                        at,
                        r.between(1_000, 8_000),
                        new ClockDrift(node, (r.chance(0.5) ? 1 : -1) * r.between(50, 1_000)));
            case CLOCK_JUMP -> new FaultEvent(at, 0, new ClockJump(node, r.between(10, 2_000)));
            case LEADER_CLOCK_DRIFT ->
                new FaultEvent(
                        at,
                        r.between(1_000, 8_000),
                        new LeaderClockDrift((r.chance(0.5) ? 1 : -1) * r.between(50, 1_000)));
            case LEADER_ISOLATION_CHURN ->
                new FaultEvent(
                        at, r.between(3_000, 10_000), new LeaderIsolationChurn(r.between(0, 400), r.between(20, 300)));
            case LEASE_RACE ->
                // Slow (the lease's harmful direction), at the top of the drawn drift range: lease
                // runs map it onto 95..100% of their bound (LeaseClockBound).
                new FaultEvent(
                        at,
                        r.between(3_000, 10_000),
                        new LeaseRace(r.between(0, 400), r.between(20, 300), -r.between(905, 1_000)));
            case FSYNC_ERROR -> new FaultEvent(at, r.between(300, 3_000), new FsyncError(node));
            case READ_ERROR -> new FaultEvent(at, r.between(300, 3_000), new ReadError(node));
            case BIT_FLIP -> new FaultEvent(at, r.between(200, 2_000), new BitFlip(bitFlipNode, r.nextLong() >>> 1));
            case DISK_FULL -> new FaultEvent(at, r.between(300, 3_000), new DiskFull(node));
            case MEMBERSHIP -> new FaultEvent(at, r.between(1_000, 5_000), new RemoveAndReadd(node));
            case LEADER_TRANSFER -> new FaultEvent(at, 0, new LeaderTransfer(node));
            case SNAPSHOT -> new FaultEvent(at, 0, new ForceSnapshot(node));
            case REPLACE_NODE -> {
                // The duration is the window budgeted as the slot being down (the new node catching
                // up); the harness finishes the change whenever the engine lets it.
                long duration = r.between(2_000, 6_000);
                boolean crashed = r.chance(0.5);
                yield new FaultEvent(at, duration, new ReplaceNode(node, crashed, r.chance(0.5)));
            }
            case MEMBERSHIP_RACE ->
                // strandOn 1 or 2: the old leader alone, or with one follower (Ongaro's S1 and S5). The
                // return comes after about one election timeout or several (150-1000 ms).
                new FaultEvent(
                        at,
                        r.between(3_000, 6_000),
                        new MembershipRace(
                                r.nextLong() >>> 1,
                                r.chance(0.5),
                                1 + r.nextInt(2),
                                r.chance(0.5),
                                r.between(1, 10),
                                r.between(100, 1_500)));
        };
    }

    private static FaultEvent bridge(long at, SplitMix64 r, int n) {
        List<Integer> order = randomSubset(r, n, n);
        int bridgeNode = order.get(0);
        List<Integer> side = new ArrayList<>(order.subList(1, 1 + (n - 1) / 2));
        return new FaultEvent(at, r.between(500, 5_000), new Bridge(bridgeNode, side));
    }

    private static int other(SplitMix64 r, int n, int node) {
        int o = r.nextInt(n - 1);
        return o >= node ? o + 1 : o;
    }

    /** {@code k} distinct nodes in random order (a partial Fisher-Yates shuffle). */
    static List<Integer> randomSubset(SplitMix64 r, int n, int k) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            Integer tmp = all.get(i);
            all.set(i, all.get(j));
            all.set(j, tmp);
        }
        return new ArrayList<>(all.subList(0, k));
    }

    /** Whether the fault takes a node out of service for its duration. */
    static boolean takesNodeDown(Fault f) {
        return f instanceof ProcessFault
                || f instanceof PowerLoss
                || f instanceof FsyncError
                || f instanceof ReadError
                || f instanceof DiskFull
                || f instanceof BitFlip
                || f instanceof RemoveAndReadd
                || f instanceof LeaderChurn
                || f instanceof FigureEight
                || f instanceof MembershipRace
                || f instanceof ReplaceNode;
    }

    static boolean isMembership(Fault f) {
        return f instanceof RemoveAndReadd || f instanceof ReplaceNode || f instanceof MembershipRace;
    }

    /** The Raft-survivable budget: see the class comment. */
    static boolean fits(FaultEvent candidate, List<FaultEvent> accepted, int n) {
        Fault f = candidate.fault();
        int maxDown = (n - 1) / 2;
        TreeSet<Integer> down = new TreeSet<>();
        for (FaultEvent e : accepted) {
            // A bit-flipped node may never come back (its engine refuses the corrupt log), so it
            // counts as down from the flip on.
            long eEnd = e.fault() instanceof BitFlip ? Long.MAX_VALUE - 1 : e.endMs();
            boolean overlaps = e.atMs() < candidate.endMs() + 1 && candidate.atMs() < eEnd + 1;
            if (!overlaps) {
                continue;
            }
            // A power loss takes a majority down on purpose: nothing else may take nodes down then.
            // So do leader-churn, figure-eight and membership-race, whose victims are chosen at run
            // time (up to a minority).
            boolean powerLoss = f instanceof PowerLoss
                    || e.fault() instanceof PowerLoss
                    || runTimeVictims(f)
                    || runTimeVictims(e.fault());
            if (powerLoss && takesNodeDown(f) && takesNodeDown(e.fault())) {
                return false;
            }
            boolean bothPartitions = isPartition(f) && isPartition(e.fault());
            boolean bothMembership = isMembership(f) && isMembership(e.fault());
            if (bothPartitions || bothMembership) {
                return false;
            }
            if (takesNodeDown(e.fault())) {
                down.addAll(e.fault().nodes());
            }
        }
        if (f instanceof PowerLoss) {
            return true;
        }
        if (takesNodeDown(f)) {
            down.addAll(f.nodes());
            return down.size() <= maxDown;
        }
        return true;
    }

    static boolean isPartition(Fault f) {
        // figure-eight partitions the cluster as its steps need, membership-race cuts the old
        // leader's side off, leader-isolation-churn and lease-race cut off each leader as leadership moves:
        // each is the one partition too.
        return f instanceof PartitionFault
                || f instanceof IsolateLeader
                || f instanceof FigureEight
                || f instanceof MembershipRace
                || f instanceof LeaderIsolationChurn
                || f instanceof LeaseRace;
    }

    /** Faults that pick the nodes they take down at run time: they reserve the whole down budget. */
    private static boolean runTimeVictims(Fault f) {
        return f instanceof LeaderChurn || f instanceof FigureEight || f instanceof MembershipRace;
    }
}
