package io.raftsim.harness.cluster;

import io.raftsim.sim.Simulation;
import io.raftsim.sim.StableHash;
import io.raftsim.workload.nemesis.FaultKind;
import io.raftsim.workload.nemesis.LeaderChurn;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Plays one {@link LeaderChurn} event: crashes the current leader, then, until the event ends, every
 * node that wins an election, a drawn {@code 0..maxKillDelayMs} after it took office (half of them at
 * once), restarting each
 * from its disk {@code downMs} later. New leaders are noticed by watching the cluster's role timeline
 * every millisecond of simulated time (the nemesis has no other window into the engine). A kill is
 * skipped when it would take more than a minority down, so that the churn alone never stops the
 * cluster from electing the next victim.
 */
final class LeaderChurnDriver {
    private static final long MS = 1_000_000L;
    private static final long POLL_MS = 1;

    private final Cluster cluster;
    private final Simulation sim;
    private final LeaderChurn fault;
    private final long endNs;
    private final BooleanSupplier healed;
    /** (term, node) pairs already doomed, as term * size + node: each leadership is killed once. */
    private final TreeSet<Long> doomed = new TreeSet<>();

    private int seenRoleChanges;
    private long kills;

    LeaderChurnDriver(Cluster cluster, LeaderChurn fault, long endMs, BooleanSupplier healed) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.fault = fault;
        this.endNs = endMs * MS;
        this.healed = healed;
    }

    /** Starts the churn: the current leader (if any) dies now, the next ones when elected. */
    void start() {
        seenRoleChanges = cluster.roleChanges().size();
        int leader = cluster.leader();
        if (leader >= 0) {
            long term = cluster.process(leader).node().describe().term();
            doomed.add(term * cluster.identities() + cluster.process(leader).index());
            killIfStillLeader(leader, term);
        }
        poll();
    }

    /** Crashes the churn has made so far. */
    long kills() {
        return kills;
    }

    private boolean over() {
        return healed.getAsBoolean() || sim.nowNs() >= endNs;
    }

    private void poll() {
        if (over()) {
            return;
        }
        List<RoleChange> changes = cluster.roleChanges();
        for (int i = seenRoleChanges; i < changes.size(); i++) {
            RoleChange c = changes.get(i);
            // Role changes name identities; the churn acts on the slot an identity fills, if any
            // (a replaced node's late role change has no slot left to kill).
            int node = c.state().equals("LEADER") ? cluster.slotOf(cluster.processById(c.node())) : -1;
            if (node >= 0 && doomed.add(c.term() * cluster.identities() + c.node())) {
                long delayMs = killDelayMs(doomed.size());
                long term = c.term();
                sim.schedule(delayMs * MS, "nemesis.churn-kill", node, term, () -> killIfStillLeader(node, term));
            }
        }
        seenRoleChanges = changes.size();
        sim.schedule(POLL_MS * MS, "nemesis.churn-poll", -1, FaultKind.LEADER_CHURN.ordinal(), this::poll);
    }

    /**
     * The {@code k}-th kill's delay: half of the new leaders die at once, before their first
     * AppendEntries lands (a term that wrote nothing anywhere else, yet won votes), the others at a
     * uniform point of their first {@code maxKillDelayMs}, while they repair the followers' logs.
     */
    private long killDelayMs(int k) {
        long h = StableHash.combine(fault.selector(), k);
        return (h & 1) == 0 ? 0 : Math.floorMod(h >> 1, fault.maxKillDelayMs() + 1);
    }

    private void killIfStillLeader(int node, long term) {
        if (over()) {
            return;
        }
        NodeProcess p = cluster.process(node);
        if (p.status != ProcessStatus.UP || p.node == null || !p.node.isLeader()) {
            return;
        }
        if (p.node.describe().term() != term || down() >= (cluster.size() - 1) / 2) {
            return;
        }
        cluster.kill(node, false);
        kills++;
        sim.schedule(fault.downMs() * MS, "nemesis.churn-restart", node, term, () -> {
            if (!healed.getAsBoolean() && cluster.process(node).status == ProcessStatus.DOWN) {
                cluster.restart(node);
            }
        });
    }

    private int down() {
        int n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.process(i).status != ProcessStatus.UP) {
                n++;
            }
        }
        return n;
    }
}
