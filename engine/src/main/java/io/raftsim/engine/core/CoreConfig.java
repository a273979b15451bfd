package io.raftsim.engine.core;

import io.raftsim.engine.NodeOptions;

/** The protocol knobs the pure core needs, in ticks and counts (no wall time here). */
public record CoreConfig(
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        int maxEntriesPerAppend,
        long maxBytesPerAppend,
        int maxInflightAppends,
        int entryCacheCapacity) {
    public CoreConfig {
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got heartbeatTicks="
                    + heartbeatTicks + " electionTicks=" + electionTicks);
        }
    }

    public static CoreConfig from(NodeOptions o) {
        return new CoreConfig(
                o.electionTicks(),
                o.heartbeatTicks(),
                o.preVote(),
                o.checkQuorum(),
                o.maxEntriesPerAppend(),
                o.maxBytesPerAppend(),
                o.maxInflightAppends(),
                4096);
    }
}
