package io.raftsim.history;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks, op by op, the rules every Jepsen history obeys: a client process has at most one op
 * outstanding; each completion follows an invocation of the same process and carries the same
 * {@code f}. Ops of named processes (the nemesis) are not client ops and are not paired. A process
 * whose op ended {@code info} may invoke again (Jepsen would use a fresh process id, but the checker's
 * semantics do not depend on it: the info op stays concurrent with everything after it).
 *
 * <p>Streaming: memory is proportional to the number of client processes, not to the history.
 */
public final class HistoryValidator {
    private final String source;
    private final Map<Long, Pending> outstanding = new HashMap<>();
    private long position;

    private record Pending(long position, String f) {}

    public HistoryValidator(String source) {
        this.source = source;
    }

    /** Accepts the next op in file order or throws {@link HistoryFormatException}. */
    public void accept(Op op) {
        long at = position++;
        if (!(op.process() instanceof ProcessId.Client client)) {
            return;
        }
        long p = client.id();
        Pending pending = outstanding.get(p);
        if (op.type() == OpType.INVOKE) {
            if (pending != null) {
                throw new HistoryFormatException(
                        source,
                        HistoryFormatException.UNKNOWN,
                        HistoryFormatException.UNKNOWN,
                        at,
                        "process",
                        "process " + p + " invokes \"" + op.f() + "\" while its op " + pending.position + " (\""
                                + pending.f + "\") is still outstanding");
            }
            outstanding.put(p, new Pending(at, op.f()));
            return;
        }
        if (pending == null) {
            throw new HistoryFormatException(
                    source,
                    HistoryFormatException.UNKNOWN,
                    HistoryFormatException.UNKNOWN,
                    at,
                    "type",
                    "completion \"" + op.type().wireName() + "\" of process " + p
                            + " without an outstanding invocation");
        }
        if (!pending.f.equals(op.f())) {
            throw new HistoryFormatException(
                    source,
                    HistoryFormatException.UNKNOWN,
                    HistoryFormatException.UNKNOWN,
                    at,
                    "f",
                    "completion has f \"" + op.f() + "\" but its invocation (op " + pending.position + ") has f \""
                            + pending.f + "\"");
        }
        outstanding.remove(p);
    }

    /** Ops accepted so far. */
    public long count() {
        return position;
    }
}
