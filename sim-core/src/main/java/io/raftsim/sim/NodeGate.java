package io.raftsim.sim;

import java.util.ArrayDeque;

/**
 * The process state of one simulated node, applied to everything that would run on it: wrap a
 * node's timer tasks, I/O completions and message handlers with {@link #guard}. While the node is
 * paused (stop-the-world: a GC pause, SIGSTOP) guarded tasks wait and run, late and in order, on
 * {@link #resume}; once it is killed, tasks guarded before the kill never run, even after a
 * restart (the process that asked for them is gone).
 */
public final class NodeGate {
    /** Event kind of the catch-up run after a pause. */
    public static final String RESUME = "node.resume";

    private final Simulation sim;
    private final int node;
    private long incarnation;
    private boolean up = true;
    private boolean paused;
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();

    public NodeGate(Simulation sim, int node) {
        this.sim = sim;
        this.node = node;
    }

    public int node() {
        return node;
    }

    /** Increases at every kill; tasks carry the incarnation they were guarded in. */
    public long incarnation() {
        return incarnation;
    }

    public boolean isUp() {
        return up;
    }

    public boolean isPaused() {
        return paused;
    }

    /** {@code task} as the node runs it: held while paused, dropped if the node died since. */
    public Runnable guard(Runnable task) {
        long bornIn = incarnation;
        return () -> {
            if (!up || bornIn != incarnation) {
                return;
            }
            if (paused) {
                held.addLast(task);
            } else {
                task.run();
            }
        };
    }

    public void pause() {
        if (!up) {
            throw new IllegalStateException("pause of node " + node + " which is down");
        }
        paused = true;
    }

    /** Ends the pause: what waited runs now, in the order it arrived. */
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        if (!held.isEmpty()) {
            long bornIn = incarnation;
            sim.schedule(0, RESUME, node, held.size(), () -> {
                while (!held.isEmpty() && !paused && up && bornIn == incarnation) {
                    held.pollFirst().run();
                }
            });
        }
    }

    /** The process dies: held and future tasks of this incarnation never run. */
    public void kill() {
        up = false;
        paused = false;
        held.clear();
        incarnation++;
    }

    /** A new process starts on the node; guard its tasks afresh. */
    public void restart() {
        if (up) {
            throw new IllegalStateException("restart of node " + node + " which is up");
        }
        up = true;
    }
}
