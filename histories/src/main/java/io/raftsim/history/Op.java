package io.raftsim.history;

import java.util.Map;

/**
 * One entry of a history: a Jepsen/Knossos op map.
 *
 * <p>{@code value} is any JSON value held as plain Java objects (see {@link JsonValues}); {@code
 * extra} keeps every other key of the op (for example {@code error}) in file order so that a history
 * read and written again keeps them. Real-time order is the order of ops in the history, never
 * {@code timeNs} (which is informative and not always monotonic in real histories).
 *
 * @param index the op's {@code index} key, or its 0-based position in the file when absent
 * @param timeNs the {@code time} key in nanoseconds, or {@link #NO_TIME} when absent
 */
public record Op(
        long index, long timeNs, OpType type, ProcessId process, String f, Object value, Map<String, Object> extra) {

    /** Marks an op without a {@code time} key. */
    public static final long NO_TIME = Long.MIN_VALUE;

    public Op {
        if (type == null || process == null || f == null || extra == null) {
            throw new IllegalArgumentException("op fields type, process, f and extra are required, got type=" + type
                    + " process=" + process + " f=" + f + " extra=" + extra);
        }
        value = JsonValues.normalize(value);
        extra = JsonValues.immutableObject(extra);
    }

    /** An op without time or extra keys. */
    public static Op of(long index, OpType type, long process, String f, Object value) {
        return new Op(index, NO_TIME, type, ProcessId.client(process), f, value, Map.of());
    }

    public boolean hasTime() {
        return timeNs != NO_TIME;
    }

    public boolean isClientOp() {
        return process.isClient();
    }

    /** The same op with another index (used when writing histories built in memory). */
    public Op withIndex(long newIndex) {
        return new Op(newIndex, timeNs, type, process, f, value, extra);
    }

    public Op withValue(Object newValue) {
        return new Op(index, timeNs, type, process, f, newValue, extra);
    }

    public Op withTime(long newTimeNs) {
        return new Op(index, newTimeNs, type, process, f, value, extra);
    }

    @Override
    public String toString() {
        return "{index " + index + ", " + type.wireName() + ", process " + process + ", f " + f + ", value "
                + JsonValues.toJson(value) + "}";
    }
}
