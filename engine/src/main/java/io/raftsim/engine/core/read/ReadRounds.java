package io.raftsim.engine.core.read;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.quorum.QuorumConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leader's heartbeat rounds, for ReadIndex and the lease (dissertation §6.4, §6.4.1). Every
 * AppendEntries carries the current round number; a follower's answer acknowledges that round,
 * which proves the sender was still leader when the round began. A read registered during round
 * r is confirmed once a quorum acknowledged a round >= r; the lease runs from the tick at which
 * the latest quorum-acknowledged round began.
 *
 * <p>Invariant (checked on every change): rounds and reads only move forward; the confirmed round
 * never exceeds the current one.
 */
public final class ReadRounds {
    private long round;
    private long confirmedRound;
    /**
     * Leader tick at which each not yet superseded round started: rounds {@code firstKeptRound} to
     * {@link #round}, oldest at {@code startHead}, in a ring of primitive longs. Rounds are numbered
     * without gaps, so a round's slot is its distance from the first kept one. (A TreeMap of boxed
     * longs cost a put per heartbeat round and a headMap clear per confirmation, ~0.5% of a fuzz
     * campaign's CPU.) The ring grows when a partitioned leader keeps starting unconfirmed rounds.
     */
    private long[] startTicks = new long[16];

    private int startHead;
    private long firstKeptRound = 1;

    private final ArrayDeque<PendingRead> pending = new ArrayDeque<>();

    public long round() {
        return round;
    }

    public long confirmedRound() {
        return confirmedRound;
    }

    /** Starts a new round at leader tick {@code tick}; returns its number. */
    public long startRound(long tick) {
        round++;
        int kept = (int) (round - firstKeptRound); // rounds kept before this one
        if (kept == startTicks.length) {
            long[] grown = new long[2 * kept];
            for (int i = 0; i < kept; i++) {
                grown[i] = startTicks[(startHead + i) & (kept - 1)];
            }
            startTicks = grown;
            startHead = 0;
        }
        startTicks[(startHead + kept) & (startTicks.length - 1)] = tick;
        return round;
    }

    public void add(PendingRead r) {
        if (!pending.isEmpty() && pending.peekLast().round() > r.round()) {
            throw new IllegalStateException(
                    "reads must be queued in round order: " + pending.peekLast() + " then " + r);
        }
        pending.add(r);
    }

    /**
     * Recomputes the quorum-acknowledged round from each voter's acknowledged round (the leader
     * counts itself at the current round) and returns the reads it confirms, oldest first.
     */
    public List<PendingRead> confirm(QuorumConfig voters, Map<PeerId, Long> ackedRounds) {
        return confirm(voters, p -> ackedRounds.getOrDefault(p, 0L));
    }

    /** As {@link #confirm(QuorumConfig, Map)}, reading each voter's acknowledged round (0 if none). */
    public List<PendingRead> confirm(QuorumConfig voters, java.util.function.ToLongFunction<PeerId> ackedRounds) {
        return confirm(voters.committedIndexOf(ackedRounds));
    }

    /**
     * As {@link #confirm(QuorumConfig, Map)}, given the round a quorum acknowledged ({@code
     * Long.MAX_VALUE} for a configuration without voters), as the leader's progress tracker counts it.
     */
    public List<PendingRead> confirm(long quorumRound) {
        long q = quorumRound;
        if (q == Long.MAX_VALUE) {
            q = round; // no voters to ask: only possible in a degenerate configuration.
        }
        if (q > round) {
            throw new IllegalStateException("a quorum acknowledged round " + q + " beyond the current round " + round);
        }
        if (q > confirmedRound) {
            confirmedRound = q;
            // Rounds before the confirmed one are superseded: their start ticks no longer matter.
            if (q > firstKeptRound) {
                startHead = (int) ((startHead + (q - firstKeptRound)) & (startTicks.length - 1));
                firstKeptRound = q;
            }
        }
        if (pending.isEmpty() || pending.peekFirst().round() > confirmedRound) {
            return List.of();
        }
        List<PendingRead> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peekFirst().round() <= confirmedRound) {
            out.add(pending.pollFirst());
        }
        return out;
    }

    /** Tick at which the quorum-acknowledged round started, or -1 if no round was acknowledged yet. */
    public long confirmedRoundStartTick() {
        if (confirmedRound == 0 || confirmedRound < firstKeptRound || confirmedRound > round) {
            return -1;
        }
        return startTicks[(int) ((startHead + (confirmedRound - firstKeptRound)) & (startTicks.length - 1))];
    }

    /** Drops every pending read (leadership lost); returns them. */
    public List<PendingRead> drain() {
        List<PendingRead> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }
}
