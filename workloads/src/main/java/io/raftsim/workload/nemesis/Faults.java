package io.raftsim.workload.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The fault records, grouped by what they act on. Each validates its own fields. */
public final class Faults {
    private Faults() {}

    static int checkNode(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " node index must be >= 0, got " + n);
        }
        return n;
    }

    static List<Integer> nodeList(List<Integer> ns, String what) {
        if (ns == null || ns.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one node");
        }
        for (int n : ns) {
            checkNode(n, what);
        }
        if (new TreeSet<>(ns).size() != ns.size()) {
            throw new IllegalArgumentException(what + " lists a node twice: " + ns);
        }
        return List.copyOf(ns);
    }

    // ---- processes -------------------------------------------------------------------------

    /** Faults that stop a process; at most a minority of nodes are down at once. */
    public sealed interface ProcessFault extends Fault permits Kill, TornCrash, Pause {
        int node();

        @Override
        default List<Integer> nodes() {
            return List.of(node());
        }
    }

    /**
     * Correlated crash: several nodes (usually a majority) lose power at the same instant, with
     * torn unsynced writes, and come back when the event ends. Raft must stay safe (only what was
     * fsynced survives, and nothing acknowledged may depend on more); the cluster is unavailable
     * meanwhile, so the generator never overlaps it with other faults that take nodes down.
     */
    public record PowerLoss(List<Integer> targets) implements Fault {
        public PowerLoss {
            targets = nodeList(targets, "power-loss");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.POWER_LOSS;
        }

        @Override
        public List<Integer> nodes() {
            return targets;
        }
    }

    /** Crash (volatile state and unsynced writes lost); restart from disk when the event ends. */
    public record Kill(int node) implements ProcessFault {
        public Kill {
            checkNode(node, "kill");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.KILL;
        }
    }

    /** Crash that keeps a torn, possibly reordered, sector-granular part of the unsynced writes. */
    public record TornCrash(int node) implements ProcessFault {
        public TornCrash {
            checkNode(node, "torn-crash");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.TORN_WRITE;
        }
    }

    /** Stop the world on one process (GC pause, SIGSTOP): nothing runs, timers fire late. */
    public record Pause(int node) implements ProcessFault {
        public Pause {
            checkNode(node, "pause");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PAUSE;
        }
    }

    // ---- network ---------------------------------------------------------------------------

    /** Faults on links. Partitions are sets of blocked directed links (DESIGN.md section 3). */
    public sealed interface NetworkFault extends Fault
            permits PartitionFault, IsolateLeader, LinkLoss, LinkDuplication, LinkDelay {}

    /** A partition whose blocked links are known from the schedule alone. */
    public sealed interface PartitionFault extends NetworkFault
            permits Isolate, Halves, MajorityMinority, Bridge, Ring, OneWay {
        /** The directed links this partition blocks in a cluster of {@code clusterSize} nodes. */
        TreeSet<Link> blockedLinks(int clusterSize);
    }

    /** Blocks every link between the two sides. */
    static TreeSet<Link> cut(List<Integer> side, int clusterSize) {
        TreeSet<Link> out = new TreeSet<>();
        for (int a : side) {
            for (int b = 0; b < clusterSize; b++) {
                if (!side.contains(b)) {
                    out.add(new Link(a, b));
                    out.add(new Link(b, a));
                }
            }
        }
        return out;
    }

    public record Isolate(int node) implements PartitionFault {
        public Isolate {
            checkNode(node, "isolate");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.ISOLATE;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            return cut(List.of(node), clusterSize);
        }
    }

    /** A random split into two sides ({@code side} and the rest). */
    public record Halves(List<Integer> side) implements PartitionFault {
        public Halves {
            side = nodeList(side, "halves");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.HALVES;
        }

        @Override
        public List<Integer> nodes() {
            return side;
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            return cut(side, clusterSize);
        }
    }

    /** A minority cut off from the majority (Jepsen's partition-majorities shape). */
    public record MajorityMinority(List<Integer> minority) implements PartitionFault {
        public MajorityMinority {
            minority = nodeList(minority, "majority-minority");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.MAJORITY_MINORITY;
        }

        @Override
        public List<Integer> nodes() {
            return minority;
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            return cut(minority, clusterSize);
        }
    }

    /**
     * Two sides that only {@code bridge} connects: it hears and is heard by everyone, the sides do
     * not hear each other (Jepsen's "bridge").
     */
    public record Bridge(int bridge, List<Integer> side) implements PartitionFault {
        public Bridge {
            checkNode(bridge, "bridge");
            side = nodeList(side, "bridge side");
            if (side.contains(bridge)) {
                throw new IllegalArgumentException("bridge node " + bridge + " must not be in side " + side);
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.BRIDGE;
        }

        @Override
        public List<Integer> nodes() {
            List<Integer> all = new ArrayList<>(side);
            all.add(0, bridge);
            return all;
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            TreeSet<Link> out = new TreeSet<>();
            for (Link l : cut(side, clusterSize)) {
                if (l.from() != bridge && l.to() != bridge) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    /** Each node hears only its two neighbours in {@code order} (a ring: every majority overlaps). */
    public record Ring(List<Integer> order) implements PartitionFault {
        public Ring {
            order = nodeList(order, "ring");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.RING;
        }

        @Override
        public List<Integer> nodes() {
            return order;
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            TreeSet<Link> out = new TreeSet<>();
            int m = order.size();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    int dist = Math.abs(i - j);
                    boolean neighbours = dist == 1 || dist == m - 1;
                    if (i != j && !neighbours) {
                        out.add(new Link(order.get(i), order.get(j)));
                    }
                }
            }
            return out;
        }
    }

    /** Messages from {@code from} to {@code to} are lost; the reverse direction works. */
    public record OneWay(int from, int to) implements PartitionFault {
        public OneWay {
            new Link(from, to);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.ONE_WAY;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(from, to);
        }

        @Override
        public TreeSet<Link> blockedLinks(int clusterSize) {
            TreeSet<Link> out = new TreeSet<>();
            out.add(new Link(from, to));
            return out;
        }
    }

    /** Isolates whichever node leads when the event starts (none leading: nothing happens). */
    public record IsolateLeader() implements NetworkFault {
        @Override
        public FaultKind kind() {
            return FaultKind.ISOLATE_LEADER;
        }

        @Override
        public List<Integer> nodes() {
            return List.of();
        }
    }

    static double probability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
        }
        return p;
    }

    /** Drops messages on every link into and out of {@code node} with the given probability. */
    public record LinkLoss(int node, double dropProbability) implements NetworkFault {
        public LinkLoss {
            checkNode(node, "link-loss");
            probability(dropProbability, "link-loss");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LINK_LOSS;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }

    /** Duplicates messages on every link into and out of {@code node}. */
    public record LinkDuplication(int node, double duplicateProbability) implements NetworkFault {
        public LinkDuplication {
            checkNode(node, "link-duplication");
            probability(duplicateProbability, "link-duplication");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LINK_DUPLICATION;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }

    /** Adds a delay spike to every link into and out of {@code node} ("clogging"). */
    public record LinkDelay(int node, long extraDelayMs) implements NetworkFault {
        public LinkDelay {
            checkNode(node, "link-delay");
            if (extraDelayMs <= 0) {
                throw new IllegalArgumentException("link-delay extraDelayMs must be > 0, got " + extraDelayMs);
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LINK_DELAY;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }

    // ---- clocks ----------------------------------------------------------------------------

    /** Faults on a node's clock: {@code local = virtual * (1 + drift) + offset} (DESIGN.md section 3). */
    public sealed interface ClockFault extends Fault permits ClockOffset, ClockDrift, ClockJump {
        int node();

        @Override
        default List<Integer> nodes() {
            return List.of(node());
        }
    }

    /** The node's clock reads {@code offsetMs} ahead (negative: behind) for the event's duration. */
    public record ClockOffset(int node, long offsetMs) implements ClockFault {
        public ClockOffset {
            checkNode(node, "clock-offset");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK_OFFSET;
        }
    }

    /** The node's clock runs fast or slow by {@code driftPpm} parts per million. */
    public record ClockDrift(int node, long driftPpm) implements ClockFault {
        public ClockDrift {
            checkNode(node, "clock-drift");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK_DRIFT;
        }
    }

    /**
     * The leader's clock runs {@code driftPpm} fast (negative: slow) until the event ends, resolved
     * at run time as isolate-leader is: the drift stays on a node while it believes it leads, and
     * moves to the next leader once it does not (one clock drifts at a time).
     */
    public record LeaderClockDrift(long driftPpm) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.LEADER_CLOCK_DRIFT;
        }

        @Override
        public List<Integer> nodes() {
            return List.of();
        }
    }

    /** The node's clock jumps forward by {@code jumpMs} at once and stays there (NTP step). */
    public record ClockJump(int node, long jumpMs) implements ClockFault {
        public ClockJump {
            checkNode(node, "clock-jump");
            if (jumpMs <= 0) {
                throw new IllegalArgumentException(
                        "clock-jump jumpMs must be > 0 (monotonic clocks do not go back), got " + jumpMs);
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK_JUMP;
        }
    }

    // ---- disks -----------------------------------------------------------------------------

    /** Faults on a node's disk. */
    public sealed interface DiskFault extends Fault permits FsyncError, ReadError, BitFlip, DiskFull {
        int node();

        @Override
        default List<Integer> nodes() {
            return List.of(node());
        }
    }

    /** fsyncs on the node fail with EIO during the event (dirty pages dropped, as on Linux). */
    public record FsyncError(int node) implements DiskFault {
        public FsyncError {
            checkNode(node, "fsync-error");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.FSYNC_ERROR;
        }
    }

    /** Reads on the node fail with EIO during the event (latent sector errors). */
    public record ReadError(int node) implements DiskFault {
        public ReadError {
            checkNode(node, "read-error");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.READ_ERROR;
        }
    }

    /** Flips one durable bit on the node's disk; {@code selector} picks the file and offset. */
    public record BitFlip(int node, long selector) implements DiskFault {
        public BitFlip {
            checkNode(node, "bit-flip");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.BIT_FLIP;
        }
    }

    /** Writes on the node fail with ENOSPC during the event. */
    public record DiskFull(int node) implements DiskFault {
        public DiskFull {
            checkNode(node, "disk-full");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.DISK_FULL;
        }
    }

    // ---- administration --------------------------------------------------------------------

    /** Operator actions through the engine's API. */
    public sealed interface AdminFault extends Fault
            permits RemoveAndReadd, LeaderTransfer, ForceSnapshot, ReplaceNode {}

    /** Removes {@code node} from the configuration, and adds it back when the event ends. */
    public record RemoveAndReadd(int node) implements AdminFault {
        public RemoveAndReadd {
            checkNode(node, "remove-readd");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.MEMBERSHIP;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }

    /** Asks the current leader to transfer leadership to {@code target} (TimeoutNow, dissertation §3.10). */
    public record LeaderTransfer(int target) implements AdminFault {
        public LeaderTransfer {
            checkNode(target, "leader-transfer");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LEADER_TRANSFER;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(target);
        }
    }

    /** Makes {@code node} take a snapshot and compact its log now. */
    public record ForceSnapshot(int node) implements AdminFault {
        public ForceSnapshot {
            checkNode(node, "force-snapshot");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.SNAPSHOT;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }

    /**
     * Replaces the machine in slot {@code node} as an operator would (braft: start the new peer
     * with no state, {@code add_peer} it, {@code remove_peer} the old one): the old node is
     * retired for good (process killed, disk discarded, identity never reused) and a new node with
     * a never-used identity and an empty disk takes the slot, joining through membership changes.
     * Later faults on the slot hit the new node.
     *
     * @param crashed the old machine died first (killed when the event starts, as when replacing a
     *     failed server); otherwise it is decommissioned while running and killed once it is out of
     *     the configuration (replacing the leader then makes it hand over, dissertation §4.2.2)
     * @param joint one {@code changePeers} swapping the two (joint consensus C_old,new, dissertation
     *     §4.3) instead of {@code addPeer(new)} then {@code removePeer(old)}
     */
    public record ReplaceNode(int node, boolean crashed, boolean joint) implements AdminFault {
        public ReplaceNode {
            checkNode(node, "replace-node");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.REPLACE_NODE;
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }
    }
}
