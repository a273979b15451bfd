package io.raftsim.sim;

/** Something scheduled that can be withdrawn before it runs. */
public interface Cancellable {
    /** Withdraws the task; returns false if it already ran or was already cancelled. */
    boolean cancel();

    /** True while the task is still waiting to run. */
    boolean isPending();
}
