package io.raftsim.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the per-key searches of one check. The checker makes results independent of the order and
 * overlap in which keys run (see {@link LinearizabilityChecker}), so a scheduler only decides how
 * fast: {@link #SEQUENTIAL} runs them one after another on the caller's thread (no threads at all,
 * what the simulation harness needs), {@code io.raftsim.checker.jdk.JdkKeyPool} on a thread pool.
 */
public interface KeyScheduler {
    /** How many keys may run at once (at least 1). */
    int parallelism();

    /**
     * Runs every task and returns their results in task order. A task's runtime exception is rethrown
     * as is (the first in task order among those the caller waits for).
     */
    <T> List<T> runAll(List<Supplier<T>> tasks);

    /** One key after another, on the calling thread, in order. */
    KeyScheduler SEQUENTIAL = new KeyScheduler() {
        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public <T> List<T> runAll(List<Supplier<T>> tasks) {
            List<T> out = new ArrayList<>(tasks.size());
            for (Supplier<T> t : tasks) {
                out.add(t.get());
            }
            return out;
        }

        @Override
        public String toString() {
            return "KeyScheduler.SEQUENTIAL";
        }
    };
}
