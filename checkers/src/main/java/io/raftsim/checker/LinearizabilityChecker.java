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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a history is linearizable with respect to a model (Knossos semantics by default:
 * see {@link Model.Semantics}). Histories of Jepsen {@code [key, value]} tuples are split by key and
 * the keys checked in parallel; a violation on a key cancels the keys after it (in history order),
 * never the ones before, so the verdict and counterexample are the same whatever the thread timing.
 */
public final class LinearizabilityChecker {
    private LinearizabilityChecker() {}

    /** One key's ops, prepared for the search. */
    private record KeyOps(String key, List<ClientCall> calls, List<Object> inputs) {}

    public static CheckResult check(History history, Model model, CheckOptions options) {
        long start = System.nanoTime();
        long deadline = start + options.timeLimit().toNanos();
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
        List<SearchOutcome> outcomes = new ArrayList<>();
        int threads = Math.min(options.parallelism(), keys.size());
        if (threads <= 1) {
            for (int k = 0; k < keys.size(); k++) {
                SearchOutcome o = search(keys.get(k), k, model, init, options, deadline, firstInvalid);
                outcomes.add(o);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "raftsim-checker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<SearchOutcome>> futures = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    int order = k;
                    futures.add(pool.submit(
                            () -> search(keys.get(order), order, model, init, options, deadline, firstInvalid)));
                }
                for (Future<SearchOutcome> f : futures) {
                    outcomes.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking " + history.source(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Optional<Counterexample> counterexample = Optional.empty();
        String reason = null;
        Verdict verdict = Verdict.VALID;
        String firstInvalidKey = null;
        for (int k = 0; k < keys.size(); k++) {
            KeyOps ko = keys.get(k);
            SearchOutcome o = outcomes.get(k);
            Verdict v;
            String why;
            switch (o.status()) {
                case LINEARIZABLE -> {
                    v = Verdict.VALID;
                    why = "linearizable";
                }
                case NOT_LINEARIZABLE -> {
                    v = Verdict.INVALID;
                    why = "not linearizable";
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
                    why = "time limit of " + options.timeLimit().toMillis() + " ms reached";
                }
            }
            if (v == Verdict.INVALID && counterexample.isEmpty()) {
                counterexample = Optional.of(counterexample(history, model, ko, o));
                firstInvalidKey = ko.key == null ? "(whole history)" : ko.key;
                verdict = Verdict.INVALID;
                reason = (ko.key == null ? "" : "key " + ko.key + ": ") + "not linearizable";
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
                    positions(o.linearization(), searchedCalls(ko)),
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
                System.nanoTime() - start);
    }

    private static SearchOutcome search(
            KeyOps ko,
            int order,
            Model model,
            Object init,
            CheckOptions options,
            long deadline,
            AtomicInteger firstInvalid) {
        List<ClientCall> searched = searchedCalls(ko);
        int n = searched.size();
        int[] inv = new int[n];
        int[] ret = new int[n];
        int[] ids = new int[n];
        Map<Object, Integer> interned = new HashMap<>();
        List<Object> distinct = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < ko.calls.size(); i++) {
            Object input = ko.inputs.get(i);
            if (input == Model.DROP) {
                continue;
            }
            ClientCall c = ko.calls.get(i);
            inv[k] = c.invokePos();
            ret[k] = c.returnPos();
            Integer id = interned.get(input);
            if (id == null) {
                id = distinct.size();
                distinct.add(input);
                interned.put(input, id);
            }
            ids[k++] = id;
        }
        SearchProblem problem = new SearchProblem(inv, ret, ids, distinct.toArray(), model, init);
        SearchLimits limits = new SearchLimits(
                options.maxConfigurations(), options.maxMemoryBytes(), deadline, () -> firstInvalid.get() < order);
        SearchOutcome o = new WglSearch(problem, limits).run();
        if (o.status() == SearchOutcome.Status.NOT_LINEARIZABLE) {
            firstInvalid.accumulateAndGet(order, Math::min);
        }
        return o;
    }

    /** The calls the search places: those whose prepared input is not {@link Model#DROP}. */
    private static List<ClientCall> searchedCalls(KeyOps ko) {
        List<ClientCall> out = new ArrayList<>();
        for (int i = 0; i < ko.calls.size(); i++) {
            if (ko.inputs.get(i) != Model.DROP) {
                out.add(ko.calls.get(i));
            }
        }
        return out;
    }

    private static List<Integer> positions(int[] opIds, List<ClientCall> searched) {
        List<Integer> out = new ArrayList<>(opIds.length);
        for (int id : opIds) {
            out.add(searched.get(id).invokePos());
        }
        return List.copyOf(out);
    }

    private static Counterexample counterexample(History h, Model model, KeyOps ko, SearchOutcome o) {
        List<ClientCall> searched = searchedCalls(ko);
        ClientCall failing = searched.get(o.blockedOp());
        List<String> states = new ArrayList<>();
        for (Object s : o.statesBefore()) {
            states.add(model.describeState(s));
        }
        List<Integer> window = new ArrayList<>();
        for (ClientCall c : ko.calls) {
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
