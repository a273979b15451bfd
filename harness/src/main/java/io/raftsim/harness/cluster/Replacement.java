package io.raftsim.harness.cluster;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.RaftNode;
import io.raftsim.engine.Status;
import io.raftsim.sim.Simulation;
import java.util.List;
import java.util.TreeSet;

/**
 * One node replacement in flight, driven as an operator drives braft: ask whichever node leads,
 * every {@link #RETRY_MS}, until the engine answers OK; a request refused (EBUSY while another
 * change or a transfer runs, EAGAIN before the leader committed in its term, ENOTLEADER, ETIMEDOUT
 * when the new node did not catch up) or lost with its leader is simply asked again. It never
 * stops before it is done, heal or not, so the quiet phase ends with the configured number of
 * voters: the new node in, the old one out.
 *
 * <p>Order: the new node goes in before the old one goes out. Adding first never lowers the number
 * of failures the configuration tolerates while the old node still runs (5 voters tolerate 2; 6
 * tolerate 2; removing first would leave 4, tolerating 1), and when the old node is already dead
 * both orders tolerate the same. The engine catches the new node up (snapshot, then log) before it
 * proposes the configuration that counts it (dissertation §4.2.1; braft's add_peer catch-up
 * phase, in which only the leader knows the new peer: "to avoid hurting availability", braft
 * docs/cn/server.md), so adding it does not stall commits. A leader that is the node being removed
 * commits C_new and steps down, handing over by TimeoutNow (dissertation §4.2.2). The joint
 * variant does both in one {@code changePeers}: C_old,new needs a majority of both
 * (dissertation §4.3).
 */
final class Replacement {
    static final long RETRY_MS = 300;
    private static final long MS = 1_000_000L;

    enum Phase {
        ADD,
        REMOVE,
        SWAP,
        DONE
    }

    private final Cluster cluster;
    private final Simulation sim;
    private final int slot;
    private final NodeProcess old;
    private final NodeProcess fresh;
    private final boolean crashed;
    private final Runnable onChange;
    private Phase phase;

    /**
     * @param onChange told of every configuration change the engine completed (OK) that changed
     *     the voters
     */
    Replacement(
            Cluster cluster,
            int slot,
            NodeProcess old,
            NodeProcess fresh,
            boolean crashed,
            boolean joint,
            Runnable onChange) {
        this.cluster = cluster;
        this.sim = cluster.simulation();
        this.slot = slot;
        this.old = old;
        this.fresh = fresh;
        this.crashed = crashed;
        this.onChange = onChange;
        this.phase = joint ? Phase.SWAP : Phase.ADD;
    }

    boolean done() {
        return phase == Phase.DONE;
    }

    Phase phase() {
        return phase;
    }

    /** Asks the leader now and every {@link #RETRY_MS} until the change is done. */
    void step() {
        if (phase == Phase.DONE) {
            return;
        }
        NodeProcess leader = cluster.leaderProcess();
        if (leader != null) {
            Phase asked = phase;
            leader.runNow(() -> ask(leader, asked));
        }
        sim.schedule(RETRY_MS * MS, "nemesis.replace", -1, fresh.index, this::step);
    }

    private void ask(NodeProcess leader, Phase asked) {
        RaftNode node = leader.node();
        if (node == null || phase != asked) {
            return;
        }
        List<PeerId> voters = node.listPeers();
        switch (asked) {
            case ADD -> {
                boolean changes = !voters.contains(fresh.peer);
                node.addPeer(fresh.peer, st -> answered(asked, st, changes));
            }
            case REMOVE -> {
                boolean changes = voters.contains(old.peer);
                node.removePeer(old.peer, st -> answered(asked, st, changes));
            }
            case SWAP -> {
                TreeSet<PeerId> target = new TreeSet<>(voters);
                boolean removes = target.remove(old.peer);
                boolean adds = target.add(fresh.peer);
                node.changePeers(
                        new Configuration(target, new TreeSet<>()), st -> answered(asked, st, removes || adds));
            }
            case DONE -> {}
        }
    }

    private void answered(Phase asked, Status st, boolean changedVoters) {
        if (!st.isOk() || phase != asked) {
            return;
        }
        if (changedVoters) {
            onChange.run();
        }
        if (asked == Phase.ADD) {
            phase = Phase.REMOVE;
            return;
        }
        phase = Phase.DONE;
        if (!crashed) {
            // Decommissioned while it ran: out of the configuration now, so the operator switches
            // it off for good, a moment later (not inside the engine's callback, and after a
            // leader removing itself had time to send its TimeoutNow).
            sim.schedule(RETRY_MS * MS, "nemesis.retire", -1, old.index, () -> cluster.retire(old));
        }
    }

    /** What the report says about an unfinished replacement. */
    String describe() {
        return "replacing n" + old.index + " by n" + fresh.index + " in slot " + slot + " stuck in phase " + phase
                + " (voters on the leader: "
                + (cluster.leaderProcess() == null
                        ? "no leader"
                        : cluster.leaderProcess().node().listPeers().toString())
                + ")";
    }
}
