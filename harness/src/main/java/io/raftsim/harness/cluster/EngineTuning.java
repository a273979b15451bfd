package io.raftsim.harness.cluster;

import io.raftsim.engine.storage.log.LogSyncPolicy;
import java.util.Objects;

/**
 * Engine options that {@code raftsim bench} varies beyond the swarm's {@link
 * io.raftsim.workload.nemesis.EngineKnobs}. {@link #DEFAULT} leaves the engine's own defaults, so
 * every run other than a bench variant's is unchanged.
 *
 * @param stickiness whether followers ignore RequestVote while they hear from a leader
 * @param logSyncPolicy whether the log shares fsyncs among appends or fsyncs every entry
 */
public record EngineTuning(Stickiness stickiness, LogSyncPolicy logSyncPolicy) {
    public static final EngineTuning DEFAULT = new EngineTuning(Stickiness.WITH_CHECK_QUORUM, LogSyncPolicy.BATCHED);

    /** Leader stickiness (dissertation §4.2.3) relative to CheckQuorum. */
    public enum Stickiness {
        /** The engine's default: sticky exactly when CheckQuorum is on. */
        WITH_CHECK_QUORUM,
        ON,
        OFF
    }

    public EngineTuning {
        Objects.requireNonNull(stickiness, "stickiness");
        Objects.requireNonNull(logSyncPolicy, "logSyncPolicy");
    }
}
