package io.raftsim.sim;

import java.util.Objects;

/**
 * The simulated world's single thread of control: virtual time in nanoseconds and ONE event queue
 * ordered by (time, insertion sequence). Every executed event is folded into the {@link TraceHash}
 * with its kind, node and a payload digest supplied by whoever scheduled it, so a run's hash
 * witnesses everything it did (DESIGN.md section 2).
 *
 * <p>Node ids are the owner's choice; {@link #NO_NODE} marks world-level events.
 */
public final class Simulation {
    /** The node id of events that belong to no node. */
    public static final int NO_NODE = -1;

    private final RandomStreams randomStreams;
    private final NearFarQueue queue = new NearFarQueue();
    private final TraceHash traceHash = new TraceHash();
    private EventLog eventLog;
    private long nowNs;
    private long nextSeq;
    private long executed;
    private boolean stopRequested;

    public Simulation(long rootSeed) {
        this.randomStreams = new RandomStreams(rootSeed);
    }

    public long rootSeed() {
        return randomStreams.rootSeed();
    }

    /** Current virtual time in nanoseconds; never decreases. */
    public long nowNs() {
        return nowNs;
    }

    /** The named random stream (see {@link RandomStreams}). */
    public RandomStream random(String name) {
        return randomStreams.stream(name);
    }

    public RandomStreams randomStreams() {
        return randomStreams;
    }

    /** Keeps the last {@code capacity} executed events in memory from now on. */
    public EventLog enableEventLog(int capacity) {
        eventLog = new EventLog(capacity);
        return eventLog;
    }

    /** The event log, or null if none was enabled. */
    public EventLog eventLog() {
        return eventLog;
    }

    public TraceHash traceHash() {
        return traceHash;
    }

    /** Events executed so far (cancelled ones never count). */
    public long executedEvents() {
        return executed;
    }

    /** Events waiting in the queue. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Schedules {@code action} {@code delayNs} from now. */
    public Timer schedule(long delayNs, String kind, int node, long digest, Runnable action) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("delayNs must be >= 0, got " + delayNs + " for " + kind);
        }
        long at = nowNs + delayNs;
        if (at < nowNs) {
            at = Long.MAX_VALUE; // saturate: "never" rather than the past
        }
        return scheduleAt(at, kind, node, digest, action);
    }

    /** Schedules {@code action} at absolute virtual time {@code timeNs} (not in the past). */
    public Timer scheduleAt(long timeNs, String kind, int node, long digest, Runnable action) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        return scheduleAt(timeNs, new Timer.Action(kind, node, digest, action));
    }

    /**
     * Schedules {@code event}, an event object of its own (see {@link Timer}), at absolute virtual
     * time {@code timeNs} (not in the past); it must not be pending already.
     */
    public <T extends Timer> T scheduleAt(long timeNs, T event) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException(
                    "timeNs " + timeNs + " is in the past (now " + nowNs + ") for event " + event.kind);
        }
        if (event.heapIndex != Timer.NOT_PENDING) {
            throw new IllegalStateException("event " + event.kind + " #" + event.seq + " is already pending at "
                    + event.timeNs + " ns; cancel it before scheduling it again");
        }
        event.place(this, timeNs, nextSeq++);
        queue.add(event, nowNs);
        return event;
    }

    boolean cancel(Timer t) {
        if (t.heapIndex == Timer.NOT_PENDING) {
            return false;
        }
        queue.remove(t);
        return true;
    }

    /** Makes the running {@link #run} return {@link RunResult#STOPPED} after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** Executes the earliest event, if any; returns false when the queue is empty. */
    public boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        execute(queue.poll());
        return true;
    }

    private void execute(Timer t) {
        nowNs = t.timeNs;
        executed++;
        traceHash.fold(t.timeNs, t.kind.hashCode(), t.node, t.digest);
        if (eventLog != null) {
            eventLog.append(t.timeNs, t.kind, t.node, t.digest);
        }
        t.fire();
    }

    /**
     * Runs events until the queue is empty, {@code maxSteps} events ran, the next event lies after
     * {@code timeLimitNs} (then virtual time becomes {@code timeLimitNs}), or an event calls {@link
     * #stop()}.
     */
    public RunResult run(long maxSteps, long timeLimitNs) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
        }
        if (timeLimitNs < nowNs) {
            throw new IllegalArgumentException("timeLimitNs " + timeLimitNs + " is before now " + nowNs);
        }
        stopRequested = false;
        long steps = 0;
        while (true) {
            if (queue.isEmpty()) {
                if (timeLimitNs != Long.MAX_VALUE) {
                    nowNs = timeLimitNs;
                }
                return RunResult.QUEUE_EMPTY;
            }
            if (steps >= maxSteps) {
                if (queue.peekTimeNs() > timeLimitNs) {
                    nowNs = timeLimitNs;
                    return RunResult.TIME_LIMIT; // as before: the time limit wins over the budget
                }
                return RunResult.STEP_BUDGET;
            }
            Timer t = queue.pollNotAfter(timeLimitNs);
            if (t == null) {
                nowNs = timeLimitNs;
                return RunResult.TIME_LIMIT;
            }
            execute(t);
            steps++;
            if (stopRequested) {
                stopRequested = false;
                return RunResult.STOPPED;
            }
        }
    }

    /** Runs until virtual time {@code timeNs} (inclusive) with no step budget. */
    public RunResult runUntil(long timeNs) {
        return run(Long.MAX_VALUE, timeNs);
    }

    /** Runs for {@code durationNs} of virtual time from now. */
    public RunResult runFor(long durationNs) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0, got " + durationNs);
        }
        long until = nowNs + durationNs;
        return runUntil(until < nowNs ? Long.MAX_VALUE : until);
    }
}
