package io.raftsim.checker.model;

import io.raftsim.history.JsonValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A FIFO queue: {@code enqueue v}; {@code dequeue} returning the head. As in Knossos, a dequeue that
 * returned {@code null} found the queue empty. A dequeue whose result is unknown ({@code info}) may
 * have removed the head, whatever it was. Init: an array (head first), default empty.
 */
public final class FifoQueueModel implements Model {
    record Enqueue(Object value) {}

    /** A dequeue that returned {@code value} ({@code null}: the queue was empty). */
    record Dequeue(Object value) {}

    /** A dequeue with an unknown result. */
    enum DequeueAny {
        INSTANCE
    }

    @Override
    public String name() {
        return "fifo-queue";
    }

    @Override
    public Object initialState(Object initJson) {
        if (initJson == DEFAULT_INIT || initJson == null) {
            return List.of();
        }
        if (!(initJson instanceof List<?> l)) {
            throw new ModelException("fifo-queue init must be an array, got " + Values.json(initJson));
        }
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    @Override
    public Object prepare(String f, Object value, Outcome outcome, Semantics semantics) {
        switch (f) {
            case "enqueue":
                return outcome == Outcome.FAIL ? DROP : new Enqueue(value);
            case "dequeue":
                if (outcome == Outcome.FAIL) {
                    return DROP;
                }
                return outcome == Outcome.OK ? new Dequeue(value) : DequeueAny.INSTANCE;
            default:
                throw Values.unknownF(name(), f, "enqueue, dequeue");
        }
    }

    @Override
    public Object step(Object state, Object input) {
        List<?> q = (List<?>) state;
        if (input instanceof Enqueue e) {
            List<Object> next = new ArrayList<>(q.size() + 1);
            next.addAll(q);
            next.add(e.value);
            return Collections.unmodifiableList(next);
        }
        if (input instanceof Dequeue d) {
            if (q.isEmpty()) {
                return d.value == null ? q : null;
            }
            return q.get(0) != null && q.get(0).equals(d.value)
                    ? Collections.unmodifiableList(new ArrayList<>(q.subList(1, q.size())))
                    : null;
        }
        return q.isEmpty() ? q : Collections.unmodifiableList(new ArrayList<>(q.subList(1, q.size())));
    }

    @Override
    public String describeState(Object state) {
        return JsonValues.toJson(state);
    }
}
