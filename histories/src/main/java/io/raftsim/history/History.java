package io.raftsim.history;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A validated history: ops in real-time (file) order. Build one with {@link #of}, with {@link
 * Builder} while recording, or read one with {@link Histories#read}.
 *
 * @param source the name used in messages (a file path, or a description for in-memory histories)
 */
public record History(String source, List<Op> ops) {
    public History {
        // A Builder's ops were validated one by one as they were added, and are immutable: walking
        // thousands of ops again (each one a chain of cache misses) was a measurable share of a
        // fuzz campaign's judging.
        if (!(ops instanceof Validated)) {
            ops = Collections.unmodifiableList(new ArrayList<>(ops));
            HistoryValidator v = new HistoryValidator(source);
            for (Op op : ops) {
                v.accept(op);
            }
        }
    }

    public static History of(String source, List<Op> ops) {
        return new History(source, ops);
    }

    public int size() {
        return ops.size();
    }

    public Op get(int position) {
        return ops.get(position);
    }

    /** Appends ops one by one, validating each as it comes (for recorders). */
    public static final class Builder {
        private final String source;
        private final HistoryValidator validator;
        private final List<Op> ops = new ArrayList<>();

        public Builder(String source) {
            this.source = source;
            this.validator = new HistoryValidator(source);
        }

        /** Adds an op; its {@code index} is replaced by its position in the history. */
        public Builder add(Op op) {
            Op indexed = op.index() == ops.size() ? op : op.withIndex(ops.size());
            validator.accept(indexed);
            ops.add(indexed);
            return this;
        }

        public int size() {
            return ops.size();
        }

        public History build() {
            return new History(source, new Validated(ops.toArray(new Op[0])));
        }
    }

    /** Ops a {@link Builder} validated: an immutable snapshot that only a builder creates. */
    private static final class Validated extends AbstractList<Op> implements RandomAccess {
        private final Op[] ops;

        private Validated(Op[] ops) {
            this.ops = ops;
        }

        @Override
        public Op get(int index) {
            return ops[index];
        }

        @Override
        public int size() {
            return ops.length;
        }
    }
}
