package io.raftsim.workload.kv;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
import io.raftsim.engine.storage.snapshot.SnapshotReader;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;

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

    /** Sees every snapshot loaded into this state machine (at start, or installed by the leader). */
    @FunctionalInterface
    public interface SnapshotListener {
        void loaded(long lastIncludedIndex, long lastIncludedTerm);
    }

    /** The one file of a snapshot: {@link KvStore#snapshot()}, registers plus session table. */
    static final String SNAPSHOT_FILE = "kv";

    private final KvStore store = new KvStore();
    private final ApplyListener listener;
    private final SnapshotListener snapshotListener;
    private long appliedIndex;
    private long leaderTerm = -1;
    private Status error;

    public KvStateMachine(ApplyListener listener) {
        this(listener, (index, term) -> {});
    }

    public KvStateMachine(ApplyListener listener, SnapshotListener snapshotListener) {
        this.listener = listener;
        this.snapshotListener = snapshotListener;
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

    /**
     * Captures the store and the session table now (the snapshot covers exactly the entries applied
     * so far) and writes them as one checksummed file. The session table must travel with the
     * registers, or a retry after a snapshot install would apply twice (dissertation §6.3).
     */
    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        byte[] state = store.snapshot();
        writer.writeFile(SNAPSHOT_FILE, state);
        done.run(Status.ok());
    }

    /** Replaces the whole state; a corrupt file throws (the engine then stops the node in ERROR). */
    @Override
    public void onSnapshotLoad(SnapshotReader reader) {
        store.restore(reader.readFile(SNAPSHOT_FILE));
        long index = reader.meta().lastIncludedIndex();
        if (index < appliedIndex) {
            throw new IllegalStateException(
                    "snapshot up to " + index + " would move the applied index back from " + appliedIndex);
        }
        appliedIndex = index;
        snapshotListener.loaded(index, reader.meta().lastIncludedTerm());
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
