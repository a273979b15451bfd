package io.raftsim.workload.kv;

/** What applying a {@link KvCommand} returned; a retried command gets the same result back. */
public sealed interface KvResult {
    /** Whether the operation took effect (a failed cas did not). */
    boolean applied();

    /** A read: the register's value, or null if never written (Jepsen's nil). */
    record ReadOk(Long value) implements KvResult {
        @Override
        public boolean applied() {
            return true;
        }
    }

    record WriteOk() implements KvResult {
        @Override
        public boolean applied() {
            return true;
        }
    }

    record CasOk() implements KvResult {
        @Override
        public boolean applied() {
            return true;
        }
    }

    /** The compare failed: {@code actual} is what the register held (null if never written). */
    record CasFailed(Long actual) implements KvResult {
        @Override
        public boolean applied() {
            return false;
        }
    }

    /**
     * The request's seq is older than the session's last: its answer is gone. The client already
     * moved on (one outstanding request per client), so nobody waits for this.
     */
    record Stale(long lastSeq) implements KvResult {
        @Override
        public boolean applied() {
            return false;
        }
    }
}
