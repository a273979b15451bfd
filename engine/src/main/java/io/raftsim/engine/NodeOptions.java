package io.raftsim.engine;

import java.util.Objects;

/**
 * Node options (braft's {@code NodeOptions}), validated when built: every inconsistency is reported
 * with the offending values. Protocol choices are options so that the harness can benchmark them.
 *
 * <p>Time is counted in ticks of {@code tickIntervalMs} of node-local time: the election timeout is
 * randomized in {@code [electionTimeoutMs, 2 * electionTimeoutMs)} (Raft paper §5.2), heartbeats go
 * out every {@code heartbeatIntervalMs}.
 */
public final class NodeOptions {
    private final Configuration initialConfiguration;
    private final StateMachine stateMachine;
    private final long electionTimeoutMs;
    private final long heartbeatIntervalMs;
    private final long tickIntervalMs;
    private final boolean preVote;
    private final boolean checkQuorum;
    private final boolean leaderStickiness;
    private final int maxEntriesPerAppend;
    private final long maxBytesPerAppend;
    private final int maxInflightAppends;
    private final int maxApplyBatch;
    private final boolean proposalBatching;
    private final int maxPendingTasks;
    private final long catchupTimeoutMs;
    private final long catchupMarginEntries;
    private final long snapshotThrottleBytesPerSec;
    private final int snapshotChunkBytes;
    private final long snapshotMarginEntries;
    private final long snapshotLogEntries;
    private final long snapshotIntervalMs;
    private final long maxClockDriftMs;
    private final ReadMode readMode;

    private NodeOptions(Builder b) {
        this.initialConfiguration = b.initialConfiguration;
        this.stateMachine = b.stateMachine;
        this.electionTimeoutMs = b.electionTimeoutMs;
        this.heartbeatIntervalMs = b.heartbeatIntervalMs;
        this.tickIntervalMs = b.tickIntervalMs;
        this.preVote = b.preVote;
        this.checkQuorum = b.checkQuorum;
        this.leaderStickiness = b.leaderStickiness != null ? b.leaderStickiness : b.checkQuorum;
        this.maxEntriesPerAppend = b.maxEntriesPerAppend;
        this.maxBytesPerAppend = b.maxBytesPerAppend;
        this.maxInflightAppends = b.maxInflightAppends;
        this.maxApplyBatch = b.maxApplyBatch;
        this.proposalBatching = b.proposalBatching;
        this.maxPendingTasks = b.maxPendingTasks;
        this.catchupTimeoutMs = b.catchupTimeoutMs;
        this.catchupMarginEntries = b.catchupMarginEntries;
        this.snapshotThrottleBytesPerSec = b.snapshotThrottleBytesPerSec;
        this.snapshotChunkBytes = b.snapshotChunkBytes;
        this.snapshotMarginEntries = b.snapshotMarginEntries;
        this.snapshotLogEntries = b.snapshotLogEntries;
        this.snapshotIntervalMs = b.snapshotIntervalMs;
        this.maxClockDriftMs = b.maxClockDriftMs;
        this.readMode = b.readMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.initialConfiguration = initialConfiguration;
        b.stateMachine = stateMachine;
        b.electionTimeoutMs = electionTimeoutMs;
        b.heartbeatIntervalMs = heartbeatIntervalMs;
        b.tickIntervalMs = tickIntervalMs;
        b.preVote = preVote;
        b.checkQuorum = checkQuorum;
        b.leaderStickiness = leaderStickiness;
        b.maxEntriesPerAppend = maxEntriesPerAppend;
        b.maxBytesPerAppend = maxBytesPerAppend;
        b.maxInflightAppends = maxInflightAppends;
        b.maxApplyBatch = maxApplyBatch;
        b.proposalBatching = proposalBatching;
        b.maxPendingTasks = maxPendingTasks;
        b.catchupTimeoutMs = catchupTimeoutMs;
        b.catchupMarginEntries = catchupMarginEntries;
        b.snapshotThrottleBytesPerSec = snapshotThrottleBytesPerSec;
        b.snapshotChunkBytes = snapshotChunkBytes;
        b.snapshotMarginEntries = snapshotMarginEntries;
        b.snapshotLogEntries = snapshotLogEntries;
        b.snapshotIntervalMs = snapshotIntervalMs;
        b.maxClockDriftMs = maxClockDriftMs;
        b.readMode = readMode;
        return b;
    }

    /** The voters when the log holds no configuration entry yet (a fresh cluster). */
    public Configuration initialConfiguration() {
        return initialConfiguration;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public long electionTimeoutMs() {
        return electionTimeoutMs;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public long tickIntervalMs() {
        return tickIntervalMs;
    }

    public int electionTicks() {
        return (int) (electionTimeoutMs / tickIntervalMs);
    }

    public int heartbeatTicks() {
        return (int) (heartbeatIntervalMs / tickIntervalMs);
    }

    /** Dissertation §9.6: a PreVote round before bumping the term. */
    public boolean preVote() {
        return preVote;
    }

    /** Dissertation §6.2: a leader steps down when it has not heard from a majority for an election timeout. */
    public boolean checkQuorum() {
        return checkQuorum;
    }

    /**
     * Leader stickiness (dissertation §4.2.3 "disruptive servers", §9.6): a node that heard from a
     * current leader within the election timeout neither grants a vote or pre-vote nor adopts the
     * higher term of a RequestVote (leadership transfers excepted). Unless set, it follows
     * {@link #checkQuorum()}, the pairing etcd/raft uses; lease reads rest on it.
     */
    public boolean leaderStickiness() {
        return leaderStickiness;
    }

    public int maxEntriesPerAppend() {
        return maxEntriesPerAppend;
    }

    public long maxBytesPerAppend() {
        return maxBytesPerAppend;
    }

    /** Pipelining: AppendEntries in flight per follower in the replicate state. */
    public int maxInflightAppends() {
        return maxInflightAppends;
    }

    /** Most entries handed to one {@code onApply}. */
    public int maxApplyBatch() {
        return maxApplyBatch;
    }

    /** Tasks applied in one event-loop turn are proposed together (one log append, one AppendEntries). */
    public boolean proposalBatching() {
        return proposalBatching;
    }

    /** Entries in the leader's log not yet applied (plus tasks not yet proposed) beyond which {@code apply} answers EBUSY. */
    public int maxPendingTasks() {
        return maxPendingTasks;
    }

    /** How linearizable reads are confirmed (dissertation §6.4): a quorum round, or the lease. */
    public ReadMode readMode() {
        return readMode;
    }

    /**
     * Bound on how far a node's clock may drift from another's over one election timeout; the
     * lease lasts {@code electionTimeoutMs - maxClockDriftMs}.
     */
    public long maxClockDriftMs() {
        return maxClockDriftMs;
    }

    /** Take a snapshot this often (node-local time) if anything was applied since; 0: never by time. */
    public long snapshotIntervalMs() {
        return snapshotIntervalMs;
    }

    /** Take a snapshot once this many entries were applied since the last one; 0: never by size. */
    public long snapshotLogEntries() {
        return snapshotLogEntries;
    }

    /**
     * Log compaction keeps this many entries before a new snapshot's last index, so that slightly
     * lagging followers catch up from the log rather than by a whole InstallSnapshot.
     */
    public long snapshotMarginEntries() {
        return snapshotMarginEntries;
    }

    /** Most bytes of a snapshot file carried by one GetFile answer (InstallSnapshot phase two). */
    public int snapshotChunkBytes() {
        return snapshotChunkBytes;
    }

    /** A follower copying a snapshot asks for at most this many bytes per second; 0: no throttle. */
    public long snapshotThrottleBytesPerSec() {
        return snapshotThrottleBytesPerSec;
    }

    /**
     * A new voter counts as caught up (and the membership change is proposed) once its log is
     * within this many entries of the leader's (braft's catchup margin).
     */
    public long catchupMarginEntries() {
        return catchupMarginEntries;
    }

    /** A membership change fails (ETIMEDOUT) if new voters have not caught up within this time. */
    public long catchupTimeoutMs() {
        return catchupTimeoutMs;
    }

    @Override
    public String toString() {
        return "NodeOptions{conf=" + initialConfiguration + ", electionTimeoutMs=" + electionTimeoutMs
                + ", heartbeatIntervalMs=" + heartbeatIntervalMs + ", tickIntervalMs=" + tickIntervalMs
                + ", preVote=" + preVote + ", checkQuorum=" + checkQuorum + ", leaderStickiness=" + leaderStickiness
                + ", maxEntriesPerAppend="
                + maxEntriesPerAppend + ", maxBytesPerAppend=" + maxBytesPerAppend + ", maxInflightAppends="
                + maxInflightAppends + ", maxApplyBatch=" + maxApplyBatch + ", proposalBatching="
                + proposalBatching + ", maxPendingTasks=" + maxPendingTasks + ", readMode=" + readMode
                + ", maxClockDriftMs=" + maxClockDriftMs + ", snapshotIntervalMs=" + snapshotIntervalMs
                + ", snapshotLogEntries=" + snapshotLogEntries + ", snapshotMarginEntries=" + snapshotMarginEntries
                + ", snapshotChunkBytes=" + snapshotChunkBytes + ", snapshotThrottleBytesPerSec="
                + snapshotThrottleBytesPerSec + ", catchupMarginEntries=" + catchupMarginEntries + ", catchupTimeoutMs="
                + catchupTimeoutMs + "}";
    }

    /** Builder with braft-like defaults (election 1000 ms, heartbeat 100 ms). */
    public static final class Builder {
        private Configuration initialConfiguration;
        private StateMachine stateMachine;
        private long electionTimeoutMs = 1000;
        private long heartbeatIntervalMs = 100;
        private long tickIntervalMs = 10;
        private boolean preVote = true;
        private boolean checkQuorum = true;
        /** null: follows checkQuorum. */
        private Boolean leaderStickiness;

        private int maxEntriesPerAppend = 256;
        private long maxBytesPerAppend = 1 << 20;
        private int maxInflightAppends = 64;
        private int maxApplyBatch = 64;
        private boolean proposalBatching = true;
        private int maxPendingTasks = 100_000;
        private long catchupTimeoutMs = 10_000;
        private long catchupMarginEntries = 1000;
        private long snapshotThrottleBytesPerSec = 0;
        private int snapshotChunkBytes = 64 * 1024;
        private long snapshotMarginEntries = 0;
        private long snapshotLogEntries = 0;
        private long snapshotIntervalMs = 0;
        private long maxClockDriftMs = 100;
        private ReadMode readMode = ReadMode.SAFE;

        private Builder() {}

        public Builder initialConfiguration(Configuration v) {
            initialConfiguration = v;
            return this;
        }

        public Builder stateMachine(StateMachine v) {
            stateMachine = v;
            return this;
        }

        public Builder electionTimeoutMs(long v) {
            electionTimeoutMs = v;
            return this;
        }

        public Builder heartbeatIntervalMs(long v) {
            heartbeatIntervalMs = v;
            return this;
        }

        public Builder tickIntervalMs(long v) {
            tickIntervalMs = v;
            return this;
        }

        public Builder preVote(boolean v) {
            preVote = v;
            return this;
        }

        public Builder checkQuorum(boolean v) {
            checkQuorum = v;
            return this;
        }

        /** See {@link NodeOptions#leaderStickiness()}; unset, it follows {@code checkQuorum}. */
        public Builder leaderStickiness(boolean v) {
            leaderStickiness = v;
            return this;
        }

        public Builder maxEntriesPerAppend(int v) {
            maxEntriesPerAppend = v;
            return this;
        }

        public Builder maxBytesPerAppend(long v) {
            maxBytesPerAppend = v;
            return this;
        }

        public Builder maxInflightAppends(int v) {
            maxInflightAppends = v;
            return this;
        }

        public Builder maxApplyBatch(int v) {
            maxApplyBatch = v;
            return this;
        }

        public Builder proposalBatching(boolean v) {
            proposalBatching = v;
            return this;
        }

        public Builder maxPendingTasks(int v) {
            maxPendingTasks = v;
            return this;
        }

        public Builder readMode(ReadMode v) {
            readMode = v;
            return this;
        }

        public Builder maxClockDriftMs(long v) {
            maxClockDriftMs = v;
            return this;
        }

        public Builder snapshotIntervalMs(long v) {
            snapshotIntervalMs = v;
            return this;
        }

        public Builder snapshotLogEntries(long v) {
            snapshotLogEntries = v;
            return this;
        }

        public Builder snapshotMarginEntries(long v) {
            snapshotMarginEntries = v;
            return this;
        }

        public Builder snapshotChunkBytes(int v) {
            snapshotChunkBytes = v;
            return this;
        }

        public Builder snapshotThrottleBytesPerSec(long v) {
            snapshotThrottleBytesPerSec = v;
            return this;
        }

        public Builder catchupMarginEntries(long v) {
            catchupMarginEntries = v;
            return this;
        }

        public Builder catchupTimeoutMs(long v) {
            catchupTimeoutMs = v;
            return this;
        }

        /** Validates everything at once and throws {@link IllegalArgumentException} naming each problem. */
        public NodeOptions build() {
            StringBuilder errors = new StringBuilder();
            if (initialConfiguration == null || initialConfiguration.isEmpty()) {
                errors.append("; initialConfiguration must name at least one peer, got ")
                        .append(initialConfiguration);
            }
            if (stateMachine == null) {
                errors.append("; stateMachine is required");
            }
            if (tickIntervalMs <= 0) {
                errors.append("; tickIntervalMs must be > 0, got ").append(tickIntervalMs);
            } else {
                if (heartbeatIntervalMs < tickIntervalMs || heartbeatIntervalMs % tickIntervalMs != 0) {
                    errors.append("; heartbeatIntervalMs (")
                            .append(heartbeatIntervalMs)
                            .append(") must be a positive multiple of tickIntervalMs (")
                            .append(tickIntervalMs)
                            .append(")");
                }
                if (electionTimeoutMs % tickIntervalMs != 0) {
                    errors.append("; electionTimeoutMs (")
                            .append(electionTimeoutMs)
                            .append(") must be a multiple of tickIntervalMs (")
                            .append(tickIntervalMs)
                            .append(")");
                }
            }
            if (heartbeatIntervalMs >= electionTimeoutMs) {
                errors.append("; heartbeatIntervalMs (")
                        .append(heartbeatIntervalMs)
                        .append(") must be shorter than electionTimeoutMs (")
                        .append(electionTimeoutMs)
                        .append(")");
            }
            if (maxEntriesPerAppend < 1) {
                errors.append("; maxEntriesPerAppend must be >= 1, got ").append(maxEntriesPerAppend);
            }
            if (maxBytesPerAppend < 1) {
                errors.append("; maxBytesPerAppend must be >= 1, got ").append(maxBytesPerAppend);
            }
            if (maxInflightAppends < 1) {
                errors.append("; maxInflightAppends must be >= 1, got ").append(maxInflightAppends);
            }
            if (maxApplyBatch < 1) {
                errors.append("; maxApplyBatch must be >= 1, got ").append(maxApplyBatch);
            }
            if (maxPendingTasks < 1) {
                errors.append("; maxPendingTasks must be >= 1, got ").append(maxPendingTasks);
            }
            if (readMode == null) {
                errors.append("; readMode is required");
            } else if (readMode == ReadMode.LEASE_BASED && (!checkQuorum || Boolean.FALSE.equals(leaderStickiness))) {
                errors.append("; readMode LEASE_BASED needs checkQuorum and leaderStickiness (the lease rests on"
                                + " followers refusing votes while they hear from the leader), got checkQuorum=")
                        .append(checkQuorum)
                        .append(" leaderStickiness=")
                        .append(leaderStickiness == null ? checkQuorum : leaderStickiness);
            }
            if (maxClockDriftMs < 0 || (readMode == ReadMode.LEASE_BASED && maxClockDriftMs >= electionTimeoutMs)) {
                errors.append("; maxClockDriftMs (")
                        .append(maxClockDriftMs)
                        .append(") must be >= 0 and, for lease reads, below electionTimeoutMs (")
                        .append(electionTimeoutMs)
                        .append(")");
            }
            if (snapshotIntervalMs < 0) {
                errors.append("; snapshotIntervalMs must be >= 0, got ").append(snapshotIntervalMs);
            }
            if (snapshotLogEntries < 0) {
                errors.append("; snapshotLogEntries must be >= 0, got ").append(snapshotLogEntries);
            }
            if (snapshotMarginEntries < 0) {
                errors.append("; snapshotMarginEntries must be >= 0, got ").append(snapshotMarginEntries);
            }
            if (snapshotChunkBytes < 1) {
                errors.append("; snapshotChunkBytes must be >= 1, got ").append(snapshotChunkBytes);
            }
            if (snapshotThrottleBytesPerSec < 0) {
                errors.append("; snapshotThrottleBytesPerSec must be >= 0, got ")
                        .append(snapshotThrottleBytesPerSec);
            }
            if (catchupMarginEntries < 0) {
                errors.append("; catchupMarginEntries must be >= 0, got ").append(catchupMarginEntries);
            }
            if (catchupTimeoutMs < tickIntervalMs) {
                errors.append("; catchupTimeoutMs must be >= tickIntervalMs, got ")
                        .append(catchupTimeoutMs);
            }
            if (errors.length() > 0) {
                throw new IllegalArgumentException("invalid NodeOptions: " + errors.substring(2));
            }
            Objects.requireNonNull(initialConfiguration);
            return new NodeOptions(this);
        }
    }
}
