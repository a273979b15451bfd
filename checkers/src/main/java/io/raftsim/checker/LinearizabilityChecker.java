package io.raftsim.checker;

import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.ModelException;
import io.raftsim.checker.search.SearchLimits;
import io.raftsim.checker.search.SearchOutcome;
import io.raftsim.checker.search.SearchProblem;
import io.raftsim.checker.search.WglSearch;
import io.raftsim.history.History;
import io.raftsim.history.JsonValues;
import io.raftsim.history.Op;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides whether a history is linearizable with respect to a model (Knossos semantics by default:
 * see {@link Model.Semantics}). Histories of Jepsen {@code [key, value]} tuples are split by key and
 * the keys checked by {@link CheckOptions#keys()} (in parallel or one by one); a violation on a key
 * cancels the keys after it (in history order), never the ones before, so the verdict and
 * counterexample are the same whatever the thread timing. Time comes only from {@link
 * CheckOptions#ticker()}, and threads only from the scheduler.
 */
public final class LinearizabilityChecker {
    private LinearizabilityChecker() {}

    /** One key's ops, prepared for the search. */
    private record KeyOps(String key, List<ClientCall> calls, List<Object> inputs) {}

    public static CheckResult check(History history, Model model, CheckOptions options) {
        Ticker ticker = options.ticker();
        long start = ticker.nanos();
        // The deadline of the whole check; absent without a time limit, and then no search reads the
        // clock for its budget.
        OptionalLong deadline = options.timeLimit().isPresent()
                ? OptionalLong.of(start + options.timeLimit().get().toNanos())
                : OptionalLong.empty();
        Object init;
        try {
            init = model.initialState(options.init());
        } catch (ModelException | ClassCastException e) {
            throw new CheckInputException(history.source() + ": init: " + e.getMessage());
        }
        List<ClientCall> calls = ClientCall.pair(history);
        List<KeyOps> keys = split(history, model, options, calls);

        AtomicInteger firstInvalid = new AtomicInteger(Integer.MAX_VALUE);
        List<KeyReport> reports = new ArrayList<>();
        List<Supplier<KeyOutcome>> tasks = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            int order = k;
            tasks.add(() -> search(keys.get(order), order, model, init, options, start, deadline, firstInvalid));
        }
        List<KeyOutcome> outcomes = options.keys().runAll(tasks);
        if (outcomes.size() != keys.size()) {
            throw new IllegalStateException("key scheduler " + options.keys() + " returned " + outcomes.size()
                    + " outcomes for " + keys.size() + " keys");
        }
        Optional<Counterexample> counterexample = Optional.empty();
        String reason = null;
        Verdict verdict = Verdict.VALID;
        String firstInvalidKey = null;
        for (int k = 0; k < keys.size(); k++) {
            KeyOps ko = keys.get(k);
            KeyOutcome ko2 = outcomes.get(k);
            SearchOutcome o = ko2.outcome;
            Verdict v;
            String why;
            switch (o.status()) {
                case LINEARIZABLE -> {
                    v = Verdict.VALID;
                    why = "linearizable";
                }
                case NOT_LINEARIZABLE -> {
                    v = Verdict.INVALID;
                    why = ko2.note == null ? "not linearizable" : "not linearizable (" + ko2.note + ")";
                }
                case CANCELLED -> {
                    v = Verdict.UNKNOWN;
                    why = "not finished: key " + firstInvalidKey + " was already found invalid";
                }
                case CONFIGURATION_BUDGET -> {
                    v = Verdict.UNKNOWN;
                    why = "explored-configuration budget of " + options.maxConfigurations() + " exhausted";
                }
                case MEMORY_BUDGET -> {
                    v = Verdict.UNKNOWN;
                    why = "memory budget of " + (options.maxMemoryBytes() >> 20) + " MiB exhausted";
                }
                default -> {
                    v = Verdict.UNKNOWN;
                    why = "time limit of "
                            + options.timeLimit()
                                    .orElseThrow(() -> new IllegalStateException(
                                            "time budget reached without a time limit on key " + ko.key))
                                    .toMillis()
                            + " ms reached";
                }
            }
            if (v == Verdict.INVALID && counterexample.isEmpty()) {
                counterexample = Optional.of(counterexample(model, ko, ko2));
                firstInvalidKey = ko.key == null ? "(whole history)" : ko.key;
                verdict = Verdict.INVALID;
                reason = (ko.key == null ? "" : "key " + ko.key + ": ") + why;
            } else if (v == Verdict.UNKNOWN && verdict == Verdict.VALID) {
                verdict = Verdict.UNKNOWN;
                reason = (ko.key == null ? "" : "key " + ko.key + ": ") + why;
            }
            List<Integer> invocations = new ArrayList<>();
            for (ClientCall c : ko.calls) {
                invocations.add(c.invokePos());
            }
            reports.add(new KeyReport(
                    ko.key,
                    v,
                    why,
                    List.copyOf(invocations),
                    ko.inputs.size(),
                    positions(o.linearization(), ko2.ops),
                    o.configurations(),
                    o.elapsedNanos()));
        }
        if (verdict == Verdict.VALID) {
            reason = keys.size() <= 1 ? "linearizable" : "linearizable: all " + keys.size() + " keys";
        }
        return new CheckResult(
                verdict,
                reason,
                model.name(),
                calls.size(),
                List.copyOf(reports),
                counterexample,
                ticker.nanos() - start);
    }

    /**
     * A search outcome with the calls its op ids refer to ({@code ops.get(id)}), and a note when the
     * verdict came from a window refutation.
     */
    private record KeyOutcome(SearchOutcome outcome, List<ClientCall> ops, String note) {}

    /** One prepared op for a search: the call, its input, and whether it may be treated as info. */
    private record Placed(ClientCall call, Object input, boolean optional) {}

    private static KeyOutcome search(
            KeyOps ko,
            int order,
            Model model,
            Object init,
            CheckOptions options,
            long start,
            OptionalLong deadline,
            AtomicInteger firstInvalid) {
        List<Placed> all = new ArrayList<>();
        for (int i = 0; i < ko.calls.size(); i++) {
            if (ko.inputs.get(i) != Model.DROP) {
                all.add(new Placed(ko.calls.get(i), ko.inputs.get(i), false));
            }
        }
        java.util.function.BooleanSupplier cancelled = () -> firstInvalid.get() < order;
        Object any = model.unknownState();
        long max = options.maxConfigurations();
        LongSupplier nanos = options.ticker()::nanos;
        // Fractions of the whole check's time, when it has a limit.
        OptionalLong half = fraction(start, deadline, 1, 2);
        OptionalLong threeQuarters = fraction(start, deadline, 3, 4);
        // With a model that can start from "any state", give the whole search part of the budget
        // first, then try to refute short windows around where it got stuck, then the rest.
        KeyOutcome full = run(
                all,
                model,
                init,
                new SearchLimits(
                        any == null ? max : Math.max(1, max / 4),
                        options.maxMemoryBytes(),
                        nanos,
                        any == null ? deadline : half,
                        cancelled));
        SearchOutcome.Status st = full.outcome.status();
        boolean budget = st == SearchOutcome.Status.CONFIGURATION_BUDGET
                || st == SearchOutcome.Status.MEMORY_BUDGET
                || st == SearchOutcome.Status.TIME_BUDGET;
        if (any != null && budget) {
            if (full.outcome.blockedOp() >= 0) {
                KeyOutcome refuted = refute(
                        all,
                        full.ops.get(full.outcome.blockedOp()),
                        model,
                        any,
                        new SearchLimits(
                                Math.max(1, max / 16), options.maxMemoryBytes(), nanos, threeQuarters, cancelled));
                if (refuted != null) {
                    firstInvalid.accumulateAndGet(order, Math::min);
                    return refuted;
                }
            }
            full = run(all, model, init, new SearchLimits(max, options.maxMemoryBytes(), nanos, deadline, cancelled));
        }
        if (full.outcome.status() == SearchOutcome.Status.NOT_LINEARIZABLE) {
            firstInvalid.accumulateAndGet(order, Math::min);
        }
        return full;
    }

    /** {@code start + (deadline - start) * num / den}, or empty when there is no deadline. */
    private static OptionalLong fraction(long start, OptionalLong deadline, long num, long den) {
        return deadline.isPresent() ? OptionalLong.of(start + (deadline.getAsLong() - start) * num / den) : deadline;
    }

    /**
     * Tries to prove the history not linearizable on short windows, each checked on its own: first
     * windows of growing size ending where the full search got stuck, then windows of {@link
     * #SLIDING_WINDOW_OPS} ops sliding over the whole key. See {@link #window} for why a window that
     * cannot be linearized proves the whole history cannot. Returns null when nothing was refuted.
     */
    private static KeyOutcome refute(List<Placed> all, ClientCall stuck, Model model, Object any, SearchLimits limits) {
        int stuckIndex = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).call == stuck) {
                stuckIndex = i;
            }
        }
        if (stuckIndex >= 0) {
            for (int width = 8; stuckIndex - width > 0 && width <= 128; width *= 4) {
                KeyOutcome o = window(all, stuckIndex - width, stuck.completionPos(), model, any, limits);
                if (o != null && o.note != null) {
                    return o;
                }
            }
        }
        for (int first = 0; first < all.size(); first += SLIDING_WINDOW_OPS / 2) {
            int last = Math.min(all.size() - 1, first + SLIDING_WINDOW_OPS - 1);
            ClientCall c = all.get(last).call;
            int end = c.returnPos() >= 0 ? c.returnPos() : c.invokePos();
            KeyOutcome o = window(all, first, end, model, any, limits);
            if (o != null && o.note != null) {
                return o;
            }
            if (limits.pastDeadline() || limits.cancelled().getAsBoolean()) {
                return null;
            }
        }
        return null;
    }

    private static final int SLIDING_WINDOW_OPS = 32;

    /** Each window's own configuration budget: windows are meant to be cheap. */
    private static final long WINDOW_CONFIGURATIONS = 20_000;

    /**
     * Checks the window of ops {@code all[first..]} invoked up to history position {@code end}: ops
     * returning by {@code end} as they are, later-returning ones as optional; every op invoked before
     * the window that had not returned when it starts as optional too (it may already have taken
     * effect, take effect later, or never); ops invoked after {@code end} left out (a prefix of a
     * linearizable history is linearizable); and the model's "any state" as the initial state. Every
     * relaxation only adds behaviours, so if this window cannot be linearized, neither can the
     * history. Returns the refutation (with a note), an outcome without note when the window is
     * linearizable, or null when the window's budget ran out (the window is then skipped).
     */
    private static KeyOutcome window(
            List<Placed> all, int first, int end, Model model, Object any, SearchLimits limits) {
        int windowStart = all.get(first).call.invokePos();
        List<Placed> window = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Placed p = all.get(i);
            ClientCall c = p.call;
            if (c.invokePos() > end) {
                break;
            }
            boolean returnsInWindow = c.returnPos() >= 0 && c.returnPos() <= end;
            if (i >= first) {
                window.add(returnsInWindow ? p : new Placed(c, p.input, true));
            } else if (c.returnPos() < 0 || c.returnPos() > windowStart) {
                window.add(new Placed(c, p.input, true));
            }
        }
        KeyOutcome o = run(window, model, any, limits);
        return switch (o.outcome.status()) {
            case NOT_LINEARIZABLE ->
                new KeyOutcome(
                        o.outcome,
                        o.ops,
                        "refuted on a window of " + window.size() + " ops from op " + windowStart
                                + ", whatever the state there");
            case LINEARIZABLE -> o;
            default -> null;
        };
    }

    private static KeyOutcome run(List<Placed> placed, Model model, Object init, SearchLimits limits) {
        int n = placed.size();
        int[] inv = new int[n];
        int[] ret = new int[n];
        int[] ids = new int[n];
        Map<Object, Integer> interned = new HashMap<>();
        List<Object> distinct = new ArrayList<>();
        List<ClientCall> ops = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Placed p = placed.get(k);
            inv[k] = p.call.invokePos();
            ret[k] = p.optional ? -1 : p.call.returnPos();
            Integer id = interned.get(p.input);
            if (id == null) {
                id = distinct.size();
                distinct.add(p.input);
                interned.put(p.input, id);
            }
            ids[k] = id;
            ops.add(p.call);
        }
        SearchProblem problem = new SearchProblem(inv, ret, ids, distinct.toArray(), model, init);
        return new KeyOutcome(new WglSearch(problem, limits).run(), ops, null);
    }

    private static List<Integer> positions(int[] opIds, List<ClientCall> searched) {
        List<Integer> out = new ArrayList<>(opIds.length);
        for (int id : opIds) {
            out.add(searched.get(id).invokePos());
        }
        return List.copyOf(out);
    }

    private static Counterexample counterexample(Model model, KeyOps ko, KeyOutcome result) {
        SearchOutcome o = result.outcome;
        List<ClientCall> searched = result.ops;
        ClientCall failing = searched.get(o.blockedOp());
        List<String> states = new ArrayList<>();
        for (Object s : o.statesBefore()) {
            states.add(model.describeState(s));
        }
        List<Integer> window = new ArrayList<>();
        if (result.note != null) {
            // The refuted window itself is a failing window, whatever the state before it.
            for (ClientCall c : searched) {
                window.add(c.invokePos());
            }
        }
        for (ClientCall c : result.note != null ? List.<ClientCall>of() : ko.calls) {
            boolean overlaps = c.invokePos() <= failing.completionPos()
                    && (c.completionPos() < 0
                            || c.outcome() == Model.Outcome.INFO
                            || c.completionPos() >= failing.invokePos());
            if (overlaps && c.outcome() != Model.Outcome.FAIL) {
                window.add(c.invokePos());
            }
        }
        return new Counterexample(
                ko.key,
                failing.invokePos(),
                failing.completionPos(),
                describe(failing),
                List.copyOf(states),
                positions(o.linearization(), searched),
                List.copyOf(window));
    }

    static String describe(ClientCall c) {
        Op inv = c.invocation();
        String result = c.completion() == null
                ? "never completed"
                : c.completion().type().wireName() + " "
                        + JsonValues.toJson(c.completion().value());
        return "process " + inv.process() + " " + inv.f() + " " + JsonValues.toJson(inv.value()) + " -> " + result;
    }

    /** Splits into keys (or one unnamed key) and prepares every op's model input. */
    private static List<KeyOps> split(History h, Model model, CheckOptions options, List<ClientCall> calls) {
        boolean keyed =
                switch (options.keyMode()) {
                    case SINGLE -> false;
                    case INDEPENDENT -> true;
                    case AUTO -> model.alwaysKeyed() || (!calls.isEmpty() && looksKeyed(calls));
                };
        if (keyed) {
            try {
                return prepareKeyed(h, model, options, calls);
            } catch (CheckInputException e) {
                if (options.keyMode() != KeyMode.AUTO || model.alwaysKeyed()) {
                    throw e;
                }
                // Tuples that the model cannot read per key: read the history as one object.
            }
        }
        List<Object> inputs = new ArrayList<>(calls.size());
        for (ClientCall c : calls) {
            inputs.add(prepare(h, model, options, c, c.value()));
        }
        return List.of(new KeyOps(null, calls, inputs));
    }

    private static boolean looksKeyed(List<ClientCall> calls) {
        for (ClientCall c : calls) {
            if (!(c.invocation().value() instanceof List<?> l && l.size() == 2 && isKey(l.get(0)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKey(Object o) {
        return o instanceof String || o instanceof Long || o instanceof BigInteger;
    }

    private static List<KeyOps> prepareKeyed(History h, Model model, CheckOptions options, List<ClientCall> calls) {
        Map<Object, List<ClientCall>> callsByKey = new LinkedHashMap<>();
        Map<Object, List<Object>> inputsByKey = new LinkedHashMap<>();
        for (ClientCall c : calls) {
            Object v = c.invocation().value();
            if (!(v instanceof List<?> tuple && tuple.size() == 2)) {
                throw new CheckInputException(h.source() + ": op " + c.invokePos()
                        + ", field \"value\": expected a [key, value] tuple, got " + abbreviate(JsonValues.toJson(v)));
            }
            Object key = tuple.get(0);
            Object inner = tuple.get(1);
            if (c.outcome() == Model.Outcome.OK
                    && c.completion().value() instanceof List<?> done
                    && done.size() == 2
                    && key.equals(done.get(0))) {
                inner = done.get(1);
            }
            callsByKey.computeIfAbsent(key, x -> new ArrayList<>()).add(c);
            inputsByKey.computeIfAbsent(key, x -> new ArrayList<>()).add(prepare(h, model, options, c, inner));
        }
        List<KeyOps> out = new ArrayList<>();
        for (Map.Entry<Object, List<ClientCall>> e : callsByKey.entrySet()) {
            out.add(new KeyOps(JsonValues.toJson(e.getKey()), e.getValue(), inputsByKey.get(e.getKey())));
        }
        return out;
    }

    private static Object prepare(History h, Model model, CheckOptions options, ClientCall c, Object value) {
        try {
            return model.prepare(c.invocation().f(), value, c.outcome(), options.semantics());
        } catch (ModelException | ClassCastException e) {
            throw new CheckInputException(
                    h.source() + ": op " + c.invokePos() + ", field \"value\": " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
