package io.raftsim.history;

/**
 * Who performed an op. Integer processes are the logical clients whose ops the checkers judge; named
 * processes (Jepsen's {@code :nemesis}, for example) are not client ops and only annotate the history.
 */
public sealed interface ProcessId permits ProcessId.Client, ProcessId.Named {

    /** A logical client: at most one op outstanding at a time. */
    record Client(long id) implements ProcessId {
        @Override
        public String toString() {
            return Long.toString(id);
        }
    }

    /** A non-client actor such as {@code "nemesis"}. */
    record Named(String name) implements ProcessId {
        public Named {
            if (name == null) {
                throw new IllegalArgumentException("process name must not be null");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static ProcessId client(long id) {
        return new Client(id);
    }

    static ProcessId named(String name) {
        return new Named(name);
    }

    default boolean isClient() {
        return this instanceof Client;
    }
}
