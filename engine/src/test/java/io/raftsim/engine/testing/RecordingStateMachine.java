package io.raftsim.engine.testing;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Configuration;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.LeaderChangeContext;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
import io.raftsim.engine.storage.snapshot.SnapshotReader;
import io.raftsim.engine.storage.snapshot.SnapshotWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A state machine that records what it applies (index, term, data) and reports every callback to
 * a sink, so that tests can compare nodes and interaction scripts can print what happened.
 */
public final class RecordingStateMachine implements StateMachine {
    /** One applied entry. */
    public record Applied(long index, long term, String data) {}

    private final String name;
    private final Consumer<String> events;
    private final List<Applied> applied = new ArrayList<>();
    private final List<String> callbacks = new ArrayList<>();

    public RecordingStateMachine(String name, Consumer<String> events) {
        this.name = name;
        this.events = events;
    }

    public List<Applied> applied() {
        return applied;
    }

    public List<String> callbacks() {
        return callbacks;
    }

    private void event(String what) {
        callbacks.add(what);
        events.accept(name + ": " + what);
    }

    @Override
    public void onApply(Iterator it) {
        StringBuilder sb = new StringBuilder();
        for (; it.valid(); it.next()) {
            String data = new String(it.data(), StandardCharsets.UTF_8);
            if (!applied.isEmpty() && applied.get(applied.size() - 1).index() >= it.index()) {
                throw new IllegalStateException(
                        name + " applied index " + it.index() + " after " + applied.get(applied.size() - 1));
            }
            applied.add(new Applied(it.index(), it.term(), data));
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(it.index())
                    .append('@')
                    .append(it.term())
                    .append(' ')
                    .append(data);
            Closure done = it.done();
            if (done != null) {
                done.run(Status.ok());
            }
        }
        event("apply " + sb);
    }

    /** When set, a snapshot's files are written and its closure run only on {@link #releaseSnapshot}. */
    private boolean holdSnapshots;

    private Runnable heldSnapshot;

    public void holdSnapshots(boolean hold) {
        holdSnapshots = hold;
    }

    /** Completes a held snapshot (as a state machine that writes its files in the background). */
    public void releaseSnapshot() {
        Runnable r = heldSnapshot;
        heldSnapshot = null;
        if (r != null) {
            r.run();
        }
    }

    /**
     * The snapshot is the applied list, one {@code index@term data} line each, in one file. The
     * state is captured at once; writing may be deferred ({@link #holdSnapshots}).
     */
    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        StringBuilder sb = new StringBuilder();
        for (Applied a : applied) {
            sb.append(a.index())
                    .append('@')
                    .append(a.term())
                    .append(' ')
                    .append(a.data())
                    .append('\n');
        }
        byte[] captured = sb.toString().getBytes(StandardCharsets.UTF_8);
        event("onSnapshotSave applied=" + applied.size() + " entries" + (holdSnapshots ? " (held)" : ""));
        Runnable finish = () -> {
            writer.writeFile("state", captured);
            done.run(Status.ok());
        };
        if (holdSnapshots) {
            heldSnapshot = finish;
        } else {
            finish.run();
        }
    }

    @Override
    public void onSnapshotLoad(SnapshotReader reader) {
        String text = new String(reader.readFile("state"), StandardCharsets.UTF_8);
        applied.clear();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int at = line.indexOf('@');
            int sp = line.indexOf(' ');
            applied.add(new Applied(
                    Long.parseLong(line.substring(0, at)),
                    Long.parseLong(line.substring(at + 1, sp)),
                    line.substring(sp + 1)));
        }
        event("onSnapshotLoad " + reader.meta().lastIncludedIndex() + "@"
                + reader.meta().lastIncludedTerm() + " applied=" + applied.size() + " entries");
    }

    @Override
    public void onLeaderStart(long term) {
        event("onLeaderStart term=" + term);
    }

    @Override
    public void onLeaderStop(Status status) {
        event("onLeaderStop " + status);
    }

    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        event("onStartFollowing leader=" + ctx.leaderId() + " term=" + ctx.term());
    }

    @Override
    public void onStopFollowing(LeaderChangeContext ctx) {
        event("onStopFollowing leader=" + ctx.leaderId() + " term=" + ctx.term());
    }

    @Override
    public void onConfigurationCommitted(Configuration conf) {
        event("onConfigurationCommitted " + conf);
    }

    @Override
    public void onError(Status status) {
        event("onError " + status);
    }

    @Override
    public void onShutdown() {
        event("onShutdown");
    }
}
