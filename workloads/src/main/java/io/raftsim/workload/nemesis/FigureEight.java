package io.raftsim.workload.nemesis;

import java.util.List;

/**
 * The adversarial schedule of the Raft paper's Figure 8 (§5.4.2), played against whichever nodes
 * hold the roles at run time:
 *
 * <ol>
 *   <li>the current leader and {@code (n-1)/2 - 1} followers are cut off from the rest while the
 *       clients keep writing to it: it appends entries of its term that only its minority holds
 *       (Figure 8 (a));
 *   <li>the majority side elects a leader, which is isolated at once, before its first
 *       AppendEntries lands, and crashed once its log is durable: its own term's entries exist on
 *       its disk alone (Figure 8 (b));
 *   <li>the old leader restarts (its followers crashed), wins with the votes of the majority side
 *       and starts repairing their logs with its old-term tail; it is crashed within {@code
 *       maxRepairKillDelayMs} of its commit index first moving (Figure 8 (c): a leader that dies
 *       mid-repair);
 *   <li>the nodes that received an entry of the repairing leader's term are cut off, the crashed
 *       rival (restarted meanwhile, still cut off) rejoins the others and the crashed followers
 *       restart: a majority without the dead leader's term can elect the rival, whose log
 *       overwrites the old-term tail (Figure 8 (d)).
 * </ol>
 *
 * A correct engine survives it: an old-term entry is committed only together with an entry of
 * the repairing leader's own term, which the rejoining leader then cannot outvote. The nodes are
 * chosen at run time, so {@link #nodes()} is empty; at most a minority is ever down, and the
 * generator never overlaps it with another fault that takes nodes down or partitions.
 *
 * @param selector seeds the run-time choices (the followers cut off with the leader, the delays)
 * @param tailWaitMs how long, at most, the cut-off leader collects writes once the majority side
 *     has elected (and lost) its leader
 * @param maxRepairKillDelayMs how long, at most, the repairing leader survives its first commit
 *     advance (half of the kills come at once)
 */
public record FigureEight(long selector, long tailWaitMs, long maxRepairKillDelayMs) implements Fault {
    public FigureEight {
        if (tailWaitMs < 0 || maxRepairKillDelayMs < 0) {
            throw new IllegalArgumentException("figure-eight needs tailWaitMs >= 0 and maxRepairKillDelayMs >= 0, got "
                    + tailWaitMs + ", " + maxRepairKillDelayMs);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.FIGURE_EIGHT;
    }

    @Override
    public List<Integer> nodes() {
        return List.of();
    }
}
