package io.raftsim.harness.run;

/** Client operations by outcome: {@code invoked = ok + fail + info} once a run has ended. */
public record OpCounts(long invoked, long ok, long fail, long info) {
    public static final OpCounts ZERO = new OpCounts(0, 0, 0, 0);
}
