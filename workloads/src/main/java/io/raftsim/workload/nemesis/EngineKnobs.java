package io.raftsim.workload.nemesis;

/**
 * Engine options the swarm randomizes per seed, always within ranges where the protocol must stay
 * both safe and live. The harness maps them onto the engine's node options.
 *
 * @param electionTimeoutMs base election timeout; the engine randomizes in [t, 2t) (Raft paper §5.2)
 * @param heartbeatIntervalMs leader heartbeat period, well below the election timeout
 * @param maxAppendEntries most entries in one AppendEntries (batch size)
 * @param maxInflightAppends pipeline depth: AppendEntries in flight per follower
 * @param snapshotIntervalEntries take a snapshot every this many applied entries
 * @param preVote whether PreVote runs before an election (dissertation §9.6)
 * @param checkQuorum whether a leader steps down without a quorum of recent contact
 */
public record EngineKnobs(
        long electionTimeoutMs,
        long heartbeatIntervalMs,
        int maxAppendEntries,
        int maxInflightAppends,
        int snapshotIntervalEntries,
        boolean preVote,
        boolean checkQuorum) {

    public static final EngineKnobs DEFAULTS = new EngineKnobs(300, 60, 64, 8, 200, true, true);

    public EngineKnobs {
        if (electionTimeoutMs < 50 || electionTimeoutMs > 5_000) {
            throw new IllegalArgumentException("electionTimeoutMs must be in [50, 5000], got " + electionTimeoutMs);
        }
        if (heartbeatIntervalMs < 5 || heartbeatIntervalMs * 3 > electionTimeoutMs) {
            throw new IllegalArgumentException("heartbeatIntervalMs must be >= 5 and <= electionTimeoutMs/3, got "
                    + heartbeatIntervalMs + " with electionTimeoutMs " + electionTimeoutMs);
        }
        if (maxAppendEntries < 1 || maxInflightAppends < 1 || snapshotIntervalEntries < 10) {
            throw new IllegalArgumentException("maxAppendEntries >= 1, maxInflightAppends >= 1 and "
                    + "snapshotIntervalEntries >= 10 required, got " + maxAppendEntries + ", "
                    + maxInflightAppends + ", " + snapshotIntervalEntries);
        }
    }

    /** Draws knobs within safe ranges (swarm testing of the configuration space). */
    public static EngineKnobs draw(io.raftsim.workload.SplitMix64 r) {
        long election = 150 + 50 * r.between(0, 7);
        // Multiples of 10 ms: the engine counts time in ticks of 10 ms.
        long heartbeat = Math.max(10, election / r.between(3, 8) / 10 * 10);
        int batch = (int) (1L << r.between(0, 7));
        int inflight = (int) r.between(1, 16);
        int snapshotEvery = (int) (50L << r.between(0, 4));
        return new EngineKnobs(election, heartbeat, batch, inflight, snapshotEvery, r.chance(0.8), r.chance(0.8));
    }
}
