package io.raftsim.workload.kv;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;

/**
 * The {@link KvStore} behind the engine's {@link StateMachine} API: decodes each committed entry,
 * applies it (the session table makes a retried request apply at most once), and hands the result
 * to the task's closure on the leader. {@link ApplyListener} lets the harness watch every apply.
 */
public final class KvStateMachine implements StateMachine {
    /** Sees every applied entry, in order: the harness's state-machine-safety check. */
    @FunctionalInterface
    public interface ApplyListener {
        void applied(long index, long term, byte[] data, KvResult result);
    }

    private final KvStore store = new KvStore();
    private final ApplyListener listener;
    private long appliedIndex;
    private long leaderTerm = -1;
    private Status error;

    public KvStateMachine(ApplyListener listener) {
        this.listener = listener;
    }

    @Override
    public void onApply(Iterator it) {
        for (; it.valid(); it.next()) {
            KvCommand cmd = KvCommand.decode(it.data());
            KvResult r = store.apply(cmd);
            appliedIndex = it.index();
            listener.applied(it.index(), it.term(), it.data(), r);
            Closure done = it.done();
            if (done != null) {
                if (done instanceof KvClosure kc) {
                    kc.applied(r, it.index(), it.term());
                }
                done.run(Status.ok());
            }
        }
    }

    @Override
    public void onLeaderStart(long term) {
        leaderTerm = term;
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
    }

    @Override
    public void onError(Status status) {
        error = status;
    }

    public KvStore store() {
        return store;
    }

    /** Index of the last entry applied here (0 before any). */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** The term whose leadership {@code onLeaderStart} announced, -1 when not leading. */
    public long leaderTerm() {
        return leaderTerm;
    }

    /** The storage error the node reported, or null. */
    public Status error() {
        return error;
    }
}
