package io.raftsim.workload.kv;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Status;

/**
 * The closure of a {@link KvCommand} task. On the leader that accepted the task, the state machine
 * fills in the command's result and the entry's position before running it with OK; on any error
 * status they stay unset.
 */
public abstract class KvClosure implements Closure {
    private KvResult result;
    private long index;
    private long term;

    final void applied(KvResult r, long entryIndex, long entryTerm) {
        this.result = r;
        this.index = entryIndex;
        this.term = entryTerm;
    }

    /** The result, when {@link #run} got OK. */
    public KvResult result() {
        return result;
    }

    public long index() {
        return index;
    }

    public long term() {
        return term;
    }

    @Override
    public abstract void run(Status status);
}
