package io.raftsim.checker.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Wing and Gong linearizability search with Lowe's memoization ("Testing for linearizability",
 * Lowe 2017; the algorithm Porcupine implements), adapted to Knossos semantics for ops that never
 * returned.
 *
 * <p>The history is a doubly linked list of call and return entries in real-time order. A call may be
 * linearized next when it comes before the first return entry in the list; linearizing it applies the
 * model step and lifts its call and return out of the list. Reaching a return entry whose op is not
 * linearized means the current prefix is a dead end: backtrack. Each configuration (linearized set,
 * state) is explored at most once.
 *
 * <p>Ops that never returned ({@code info}) have a call entry and no return entry: they may be
 * linearized at any point after their invocation, and they never force a backtrack, so an op that
 * never took effect is simply never linearized. Reaching the end of the list therefore means every
 * op that did return is linearized: success. Among the candidates at each point, ops that returned
 * are tried first and {@code info} ops last (phase 2), so an info write is placed only where a later
 * read needs it, instead of being tried at every point of the history.
 *
 * <p>Read-only ops are linearized greedily. If a candidate that returned is read-only ({@link
 * io.raftsim.checker.model.Model#readOnly}) and valid in the current state, the search takes it
 * and tries nothing else at that configuration: from configuration C in state s, a valid
 * continuation that places such a read r later, C · α · r · β, can place it first instead, C · r ·
 * α · β. r is valid in s (that is the condition) and leaves s as it is, so α runs as before; after
 * α, r was valid in that state too, so it left it unchanged and β runs as before. Real time allows
 * the move: r is a candidate, so no op still to linearize returned before r was invoked, and moving
 * r earlier cannot break an order that puts r first. So C is extendable exactly when C · r is.
 * Without this, k concurrent reads of one value reach 2^k linearized sets that are one
 * configuration in all but name, and a busy read-heavy register history (thousands of lease reads
 * from a dozen processes) ran out of memory.
 *
 * <p>Single-threaded and deterministic: the same problem gives the same outcome, counterexample
 * included.
 */
public final class WglSearch {
    private static final int NIL = -1;
    private static final int CHECK_EVERY = 1 << 8;
    private static final int MAX_STATES_REPORTED = 8;

    private final SearchProblem p;
    private final SearchLimits limits;
    private final int n;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int infoHead;
    private final int[] nextInfo;
    private final int[] prevInfo;
    private final boolean[] info;
    private final long[] zobrist;
    // Bit numbering of the linearized set: ops that returned first (in invocation order), info ops
    // in a separate array (see ConfigSet for why).
    private final int[] bit;
    // For an info op: the previous info op with the same input, or NIL (symmetry pruning, see run()).
    private final int[] previousTwin;
    // Per distinct input: whether the model says it never changes the state (greedy, see above).
    private final boolean[] readOnlyInput;

    // State interning: the search works on int state ids; step() runs once per (state, input).
    private final List<Object> states = new ArrayList<>();
    private final Map<Object, Integer> stateIds = new HashMap<>();
    private final LongIntMap transitions = new LongIntMap(1024);
    private long transitionCount;

    // The deepest point reached when the search fails.
    private int bestReturnPos = -1;
    private int bestBlockedOp = -1;
    private final Set<Integer> bestStates = new LinkedHashSet<>();
    private int[] bestPrefix = new int[0];

    public WglSearch(SearchProblem problem, SearchLimits limits) {
        this.p = problem;
        this.limits = limits;
        this.n = problem.size();
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.infoHead = n;
        this.nextInfo = new int[n + 1];
        this.prevInfo = new int[n + 1];
        this.info = new boolean[n];
        this.zobrist = new long[n];
        this.bit = new int[n];
        this.previousTwin = new int[n];
        Map<Integer, Integer> lastInfoWithInput = new HashMap<>();
        int definite = 0;
        int infos = 0;
        for (int i = 0; i < n; i++) {
            info[i] = problem.returnPos()[i] < 0;
            zobrist[i] = Mix.mix64(0x5851f42d4c957f2dL + i);
            bit[i] = info[i] ? infos++ : definite++;
            previousTwin[i] = NIL;
            if (info[i]) {
                Integer twin = lastInfoWithInput.put(problem.inputIds()[i], i);
                previousTwin[i] = twin == null ? NIL : twin;
            }
        }
        this.readOnlyInput = new boolean[problem.inputs().length];
        for (int i = 0; i < readOnlyInput.length; i++) {
            readOnlyInput[i] = problem.model().readOnly(problem.inputs()[i]);
        }
        this.definiteWords = new long[(definite >>> 6) + 1];
        this.infoWords = new long[(infos >>> 6) + 1];
        buildList();
    }

    /**
     * Links the entries in history order: calls by invocation position, returns by return position.
     * Ops that never returned go to a list of their own (in invocation order) so that scanning for
     * the next op that returned never walks over them.
     */
    private void buildList() {
        int definite = 0;
        for (int i = 0; i < n; i++) {
            if (!info[i]) {
                definite++;
            }
        }
        long[] events = new long[2 * definite];
        int k = 0;
        int lastInfo = infoHead;
        for (int i = 0; i < n; i++) {
            if (info[i]) {
                nextInfo[lastInfo] = i;
                prevInfo[i] = lastInfo;
                lastInfo = i;
            } else {
                events[k++] = ((long) p.invokePos()[i] << 32) | i;
                events[k++] = ((long) p.returnPos()[i] << 32) | (n + i);
            }
        }
        nextInfo[lastInfo] = NIL;
        Arrays.sort(events);
        int last = head;
        for (long e : events) {
            int node = (int) e;
            next[last] = node;
            prev[node] = last;
            last = node;
        }
        next[last] = NIL;
    }

    private int internState(Object s) {
        Integer id = stateIds.get(s);
        if (id != null) {
            return id;
        }
        int fresh = states.size();
        states.add(s);
        stateIds.put(s, fresh);
        return fresh;
    }

    /** The state id after op input {@code input} in state {@code state}, or -1 when impossible. */
    private int transition(int state, int input) {
        long key = ((long) state << 32) | input;
        int cached = transitions.get(key);
        if (cached != LongIntMap.MISSING) {
            return cached;
        }
        Object after = p.model().step(states.get(state), p.inputs()[input]);
        int result = after == null ? -1 : internState(after);
        transitions.put(key, result);
        transitionCount++;
        return result;
    }

    private void lift(int op) {
        if (info[op]) {
            nextInfo[prevInfo[op]] = nextInfo[op];
            if (nextInfo[op] != NIL) {
                prevInfo[nextInfo[op]] = prevInfo[op];
            }
            return;
        }
        next[prev[op]] = next[op];
        if (next[op] != NIL) {
            prev[next[op]] = prev[op];
        }
        int r = n + op;
        next[prev[r]] = next[r];
        if (next[r] != NIL) {
            prev[next[r]] = prev[r];
        }
    }

    /** Undoes {@link #lift} (dancing links: the removed entries still point at their neighbours). */
    private void unlift(int op) {
        if (info[op]) {
            nextInfo[prevInfo[op]] = op;
            if (nextInfo[op] != NIL) {
                prevInfo[nextInfo[op]] = op;
            }
            return;
        }
        int r = n + op;
        next[prev[r]] = r;
        if (next[r] != NIL) {
            prev[next[r]] = r;
        }
        next[prev[op]] = op;
        if (next[op] != NIL) {
            prev[next[op]] = op;
        }
    }

    private long startNanos;
    private final long[] definiteWords;
    private final long[] infoWords;

    private void setBit(int op) {
        long[] w = info[op] ? infoWords : definiteWords;
        w[bit[op] >>> 6] |= 1L << bit[op];
    }

    private void clearBit(int op) {
        long[] w = info[op] ? infoWords : definiteWords;
        w[bit[op] >>> 6] &= ~(1L << bit[op]);
    }

    private boolean isLinearized(int op) {
        long[] w = info[op] ? infoWords : definiteWords;
        return (w[bit[op] >>> 6] & (1L << bit[op])) != 0;
    }

    public SearchOutcome run() {
        startNanos = limits.nanos().getAsLong();
        long setHash = 0;
        ConfigSet memo = new ConfigSet();
        int[] stackOp = new int[n];
        int[] stackState = new int[n];
        boolean[] stackPhase2 = new boolean[n];
        int[] stackBoundary = new int[n];
        // Whether the frame's op was taken greedily: its configuration has no alternative to try.
        boolean[] stackForced = new boolean[n];
        int depth = 0;

        int state = internState(p.initialState());
        int node = next[head];
        boolean phase2 = false;
        int boundary = NIL;
        long steps = 0;
        // True on arriving at a configuration (before any of its candidates was tried).
        boolean fresh = true;
        // True when the current configuration is known to be a dead end: back up to the last frame
        // that still has alternatives.
        boolean backtrack = false;
        while (true) {
            if ((steps++ & (CHECK_EVERY - 1)) == 0) {
                SearchOutcome.Status stop = overBudget(memo);
                if (stop != null) {
                    return outcome(stop, Arrays.copyOf(stackOp, depth), memo);
                }
            }
            if (backtrack) {
                backtrack = false;
                int op;
                do {
                    if (depth == 0) {
                        return outcome(SearchOutcome.Status.NOT_LINEARIZABLE, bestPrefix, memo);
                    }
                    depth--;
                    op = stackOp[depth];
                    state = stackState[depth];
                    phase2 = stackPhase2[depth];
                    boundary = stackBoundary[depth];
                    clearBit(op);
                    if (!info[op]) {
                        setHash ^= zobrist[op];
                    }
                    unlift(op);
                } while (stackForced[depth]);
                node = info[op] ? nextInfo[op] : next[op];
                continue;
            }
            if (fresh) {
                fresh = false;
                int read = greedyRead(state);
                if (read != NIL) {
                    setBit(read);
                    long newHash = setHash ^ zobrist[read];
                    if (!memo.add(newHash, state, definiteWords, infoWords)) {
                        // Explored before, and this configuration leads exactly where that one did.
                        clearBit(read);
                        backtrack = true;
                        continue;
                    }
                    SearchOutcome.Status full = overMemo(memo);
                    if (full != null) {
                        return outcome(full, Arrays.copyOf(stackOp, depth), memo);
                    }
                    stackOp[depth] = read;
                    stackState[depth] = state;
                    stackPhase2[depth] = phase2;
                    stackBoundary[depth] = boundary;
                    stackForced[depth] = true;
                    depth++;
                    setHash = newHash;
                    lift(read);
                    node = next[head];
                    phase2 = false;
                    fresh = true;
                    continue;
                }
            }
            int candidate;
            if (!phase2) {
                if (node == NIL) {
                    return outcome(SearchOutcome.Status.LINEARIZABLE, Arrays.copyOf(stackOp, depth), memo);
                }
                if (node >= n) {
                    // The first return entry: every op that returned before it is linearized.
                    // Now try the ops that never returned and were invoked before it.
                    phase2 = true;
                    boundary = node;
                    node = nextInfo[infoHead];
                    continue;
                }
                candidate = node;
            } else {
                if (node == NIL || p.invokePos()[node] > p.returnPos()[boundary - n]) {
                    noteDeadEnd(boundary - n, state, stackOp, depth);
                    backtrack = true;
                    continue;
                }
                if (previousTwin[node] != NIL && !isLinearized(previousTwin[node])) {
                    // Symmetry: an info op identical to an earlier, still unlinearized one leads
                    // exactly where that one leads (neither has a return to meet), so try only the
                    // earliest of each kind.
                    node = nextInfo[node];
                    continue;
                }
                candidate = node;
            }
            int after = transition(state, p.inputIds()[candidate]);
            if (after == state && info[candidate]) {
                // An op that never returned and would not change the state is pointless here:
                // leaving it out reaches the same state with more options left.
                after = -1;
            }
            if (after >= 0) {
                setBit(candidate);
                long newHash = info[candidate] ? setHash : setHash ^ zobrist[candidate];
                if (memo.add(newHash, after, definiteWords, infoWords)) {
                    SearchOutcome.Status full = overMemo(memo);
                    if (full != null) {
                        return outcome(full, Arrays.copyOf(stackOp, depth), memo);
                    }
                    stackOp[depth] = candidate;
                    stackState[depth] = state;
                    stackPhase2[depth] = phase2;
                    stackBoundary[depth] = boundary;
                    stackForced[depth] = false;
                    depth++;
                    state = after;
                    setHash = newHash;
                    lift(candidate);
                    node = next[head];
                    phase2 = false;
                    fresh = true;
                    continue;
                }
                clearBit(candidate);
            }
            node = info[candidate] ? nextInfo[candidate] : next[candidate];
        }
    }

    /**
     * A candidate that returned, is read-only and valid in {@code state} (so leaves it as it is), or
     * NIL: the first in list order, so the choice is deterministic.
     */
    private int greedyRead(int state) {
        for (int c = next[head]; c != NIL && c < n; c = next[c]) {
            int input = p.inputIds()[c];
            if (readOnlyInput[input] && transition(state, input) == state) {
                return c;
            }
        }
        return NIL;
    }

    /** The budget the memo just exceeded, or null. */
    private SearchOutcome.Status overMemo(ConfigSet memo) {
        if (memo.size() > limits.maxConfigurations()) {
            return SearchOutcome.Status.CONFIGURATION_BUDGET;
        }
        if (memo.bytes() > limits.maxMemoryBytes()) {
            return SearchOutcome.Status.MEMORY_BUDGET;
        }
        return null;
    }

    private SearchOutcome.Status overBudget(ConfigSet memo) {
        if (limits.cancelled().getAsBoolean()) {
            return SearchOutcome.Status.CANCELLED;
        }
        if (limits.pastDeadline()) {
            return SearchOutcome.Status.TIME_BUDGET;
        }
        return null;
    }

    /** Remembers the furthest op return the search could not get past, with the states it saw. */
    private void noteDeadEnd(int op, int state, int[] stackOp, int depth) {
        int pos = p.returnPos()[op];
        if (pos > bestReturnPos) {
            bestReturnPos = pos;
            bestBlockedOp = op;
            bestStates.clear();
            bestStates.add(state);
            bestPrefix = Arrays.copyOf(stackOp, depth);
        } else if (pos == bestReturnPos && bestStates.size() < MAX_STATES_REPORTED) {
            bestStates.add(state);
        }
    }

    private SearchOutcome outcome(SearchOutcome.Status status, int[] order, ConfigSet memo) {
        List<Object> seen = new ArrayList<>();
        for (int s : bestStates) {
            seen.add(states.get(s));
        }
        int[] lin = status == SearchOutcome.Status.LINEARIZABLE
                ? order
                : bestPrefix.length >= order.length ? bestPrefix : order;
        return new SearchOutcome(
                status,
                lin,
                bestBlockedOp,
                List.copyOf(seen),
                memo.size(),
                transitionCount,
                limits.nanos().getAsLong() - startNanos);
    }
}
