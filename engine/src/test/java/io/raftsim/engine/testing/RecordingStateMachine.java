package io.raftsim.engine.testing;

import io.raftsim.engine.Closure;
import io.raftsim.engine.Configuration;
import io.raftsim.engine.Iterator;
import io.raftsim.engine.LeaderChangeContext;
import io.raftsim.engine.StateMachine;
import io.raftsim.engine.Status;
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
