package io.raftsim.engine.testing;

import io.raftsim.engine.Configuration;
import io.raftsim.engine.PeerId;
import io.raftsim.engine.core.CoreConfig;
import io.raftsim.engine.core.Effect;
import io.raftsim.engine.core.RaftCore;
import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.storage.RaftMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one {@link RaftCore} directly: applies its log writes to a {@link ListStableLog}, records
 * every effect in order, and (unless told otherwise) reports writes durable at once.
 */
public final class CoreHarness {
    public final ListStableLog stable;
    public final RaftCore core;
    public final List<Effect> effects = new ArrayList<>();
    public boolean autoPersist = true;
    private RaftMeta lastMeta;

    public CoreHarness(String self, String peers, long term, String votedFor, long... logTerms) {
        this(self, peers, term, votedFor, 10, 1, true, 1, logTerms);
    }

    public CoreHarness(
            String self,
            String peers,
            long term,
            String votedFor,
            int electionTicks,
            int heartbeatTicks,
            boolean preVote,
            long seed,
            long... logTerms) {
        this(
                self,
                peers,
                term,
                votedFor,
                // No lease reads; stickiness paired with CheckQuorum, as etcd/raft does.
                new CoreConfig(electionTicks, heartbeatTicks, preVote, true, 64, 1 << 20, 8, 16, 0, true),
                seed,
                logTerms);
    }

    /** With the protocol knobs given whole (CheckQuorum, stickiness, lease). */
    public CoreHarness(
            String self, String peers, long term, String votedFor, CoreConfig cfg, long seed, long... logTerms) {
        this.stable = ListStableLog.withTerms(logTerms);
        this.core = new RaftCore(
                "g",
                PeerId.of(self),
                cfg,
                new SeededRandom(seed),
                new RaftMeta(term, votedFor == null ? null : PeerId.of(votedFor)),
                stable,
                Configuration.parse(peers));
    }

    /** Collects and executes the core's effects; returns them. */
    public List<Effect> drain() {
        List<Effect> all = new ArrayList<>();
        List<Effect> batch;
        while (!(batch = core.drainEffects()).isEmpty()) {
            for (Effect e : batch) {
                all.add(e);
                effects.add(e);
                if (e instanceof Effect.AppendLog a) {
                    stable.append(a.entries());
                    if (autoPersist) {
                        var last = a.entries().get(a.entries().size() - 1);
                        core.onLogPersisted(last.index(), last.term());
                    }
                } else if (e instanceof Effect.TruncateLog t) {
                    stable.truncateSuffix(t.lastIndexKept());
                } else if (e instanceof Effect.PersistMeta pm) {
                    lastMeta = pm.meta();
                    if (autoPersist) {
                        core.onMetaPersisted(pm.meta());
                    }
                }
            }
        }
        return all;
    }

    public List<Effect> step(RaftMessage m) {
        core.step(m);
        return drain();
    }

    public List<Effect> tick(int n) {
        List<Effect> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            core.tick();
            all.addAll(drain());
        }
        return all;
    }

    public RaftMeta lastPersistedMeta() {
        return lastMeta;
    }

    public static List<RaftMessage> sent(List<Effect> effects) {
        List<RaftMessage> out = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Send s) {
                out.add(s.message());
            }
        }
        return out;
    }

    public static <T extends RaftMessage> List<T> sent(List<Effect> effects, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RaftMessage m : sent(effects)) {
            if (type.isInstance(m)) {
                out.add(type.cast(m));
            }
        }
        return out;
    }

    public static PeerId p(String name) {
        return PeerId.of(name);
    }
}
