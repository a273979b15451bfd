package io.raftsim.checker.bench;

import io.raftsim.history.History;
import io.raftsim.history.Op;
import io.raftsim.history.OpType;
import io.raftsim.history.ProcessId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of linearizable cas-register histories (every register starts at 0), for tests and benchmarks: a simulated
 * system applies each op atomically at a random moment between its invocation and its completion, so
 * the history is linearizable by construction. Some ops time out ({@code info}): they take effect
 * later or never, and their process is retired (a fresh process id replaces it, as in Jepsen). A cas
 * whose compare fails completes {@code fail}.
 *
 * <p>With {@code keys > 1}, values are Jepsen "independent" tuples {@code [key, v]} (cas: {@code
 * [key, [old, new]]}), the shape of the harness's multi-key register workload.
 */
public final class RegisterHistoryGenerator {
    /** Parameters. {@code infoPercent}: share of ops that time out. */
    public record Spec(long seed, int clients, int ops, int keys, int values, int infoPercent) {}

    private record Pending(long process, int key, String f, Object arg, boolean applied, Object result, boolean ok) {}

    private RegisterHistoryGenerator() {}

    public static History generate(Spec spec) {
        Random rnd = new Random(spec.seed);
        boolean keyed = spec.keys > 1;
        long[] registers = new long[spec.keys];
        Pending[] slot = new Pending[spec.clients];
        long[] processOf = new long[spec.clients];
        for (int c = 0; c < spec.clients; c++) {
            processOf[c] = c;
        }
        long nextProcess = spec.clients;
        List<Pending> lateInfo = new ArrayList<>();
        History.Builder h = new History.Builder("generated seed " + spec.seed);
        int invoked = 0;
        long time = 0;
        while (invoked < spec.ops || anyPending(slot)) {
            time += 1 + rnd.nextInt(1000);
            int c = rnd.nextInt(spec.clients);
            Pending p = slot[c];
            if (!lateInfo.isEmpty() && rnd.nextInt(20) == 0) {
                // An op that timed out earlier takes effect now (or is lost for good).
                Pending late = lateInfo.remove(rnd.nextInt(lateInfo.size()));
                if (rnd.nextBoolean()) {
                    apply(late, registers);
                }
                continue;
            }
            if (p == null) {
                if (invoked >= spec.ops) {
                    continue;
                }
                int key = rnd.nextInt(spec.keys);
                int kind = rnd.nextInt(3);
                String f = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
                Object arg =
                        switch (f) {
                            case "read" -> null;
                            case "write" -> (long) rnd.nextInt(spec.values);
                            default -> List.of((long) rnd.nextInt(spec.values), (long) rnd.nextInt(spec.values));
                        };
                slot[c] = new Pending(processOf[c], key, f, arg, false, null, false);
                h.add(op(OpType.INVOKE, processOf[c], f, keyed ? tuple(key, arg) : arg, time));
                invoked++;
            } else if (!p.applied) {
                if (rnd.nextInt(200) < spec.infoPercent) {
                    // Times out before taking effect: it may still take effect later, or never.
                    h.add(op(OpType.INFO, p.process, p.f, keyed ? tuple(p.key, p.arg) : p.arg, time));
                    lateInfo.add(p);
                    slot[c] = null;
                    processOf[c] = nextProcess++;
                } else {
                    slot[c] = apply(p, registers);
                }
            } else {
                boolean timeout = rnd.nextInt(200) < spec.infoPercent;
                Object result = p.f.equals("read") ? p.result : p.arg;
                OpType type = timeout ? OpType.INFO : p.ok ? OpType.OK : OpType.FAIL;
                Object value = type == OpType.INFO ? p.arg : result;
                h.add(op(type, p.process, p.f, keyed ? tuple(p.key, value) : value, time));
                slot[c] = null;
                if (timeout) {
                    processOf[c] = nextProcess++;
                }
            }
        }
        return h.build();
    }

    /** A Jepsen independent tuple [key, value]; the value may be null (a read's invocation). */
    private static List<Object> tuple(int key, Object value) {
        return Arrays.asList((long) key, value);
    }

    private static boolean anyPending(Pending[] slot) {
        for (Pending p : slot) {
            if (p != null) {
                return true;
            }
        }
        return false;
    }

    /** Applies the op atomically to the true state: this instant is its linearization point. */
    private static Pending apply(Pending p, long[] registers) {
        switch (p.f) {
            case "read":
                return new Pending(p.process, p.key, p.f, p.arg, true, registers[p.key], true);
            case "write":
                registers[p.key] = (Long) p.arg;
                return new Pending(p.process, p.key, p.f, p.arg, true, null, true);
            default:
                List<?> pair = (List<?>) p.arg;
                boolean matches = registers[p.key] == (Long) pair.get(0);
                if (matches) {
                    registers[p.key] = (Long) pair.get(1);
                }
                return new Pending(p.process, p.key, p.f, p.arg, true, null, matches);
        }
    }

    private static Op op(OpType type, long process, String f, Object value, long time) {
        return new Op(0, time, type, ProcessId.client(process), f, value, Map.of());
    }
}
