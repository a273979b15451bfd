package io.raftsim.checker.bench;

import io.raftsim.checker.CheckOptions;
import io.raftsim.checker.CheckResult;
import io.raftsim.checker.LinearizabilityChecker;
import io.raftsim.checker.Ticker;
import io.raftsim.checker.jdk.RealTicker;
import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.Histories;
import io.raftsim.history.History;
import io.raftsim.history.JsonValues;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the checker's benchmark table (a {@code main}, not a test: no timing is asserted). Usage:
 * {@code java -Xmx1g -cp ... io.raftsim.checker.bench.CheckerBenchmark [shared/histories]}.
 *
 * <p>Rows: the whole shared corpus (total and slowest history, after warm-up); a generated 100,000-op
 * cas-register history over 10 keys and 10 clients with info ops; a single-key history with 5
 * clients and 2,000 ops. Peak heap is the sum of the heap pools' peak usage over the run.
 */
public final class CheckerBenchmark {
    private record CorpusItem(String file, History history, Model model, Object init) {}

    private CheckerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path corpus = args.length > 0 ? Path.of(args[0]) : locateCorpus();
        List<CorpusItem> items = loadCorpus(corpus);
        CheckOptions base = CheckOptions.defaults();
        // A benchmark measures the real machine: the wall clock is the point here.
        Ticker clock = RealTicker.INSTANCE;

        for (int round = 0; round < 5; round++) {
            for (CorpusItem it : items) {
                LinearizabilityChecker.check(it.history, it.model, base.withInit(it.init));
            }
        }
        long total = 0;
        long totalCpu = 0;
        long slowest = 0;
        String slowestFile = "";
        long slowestCpu = 0;
        String slowestCpuFile = "";
        int mismatches = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (CorpusItem it : items) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = clock.nanos();
            CheckResult r = LinearizabilityChecker.check(
                    it.history, it.model, base.withInit(it.init).withParallelism(1));
            long dt = clock.nanos() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - c0;
            totalCpu += cpu;
            total += dt;
            if (cpu > slowestCpu) {
                slowestCpu = cpu;
                slowestCpuFile = it.file;
            }
            if (dt > slowest) {
                slowest = dt;
                slowestFile = it.file;
            }
            if (r.verdict() == io.raftsim.checker.Verdict.UNKNOWN) {
                mismatches++;
            }
        }

        History big = RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(42, 10, 100_000, 10, 5, 2));
        History single = RegisterHistoryGenerator.generate(new RegisterHistoryGenerator.Spec(7, 5, 2_000, 1, 5, 2));
        Model cas = Models.byName("cas-register").orElseThrow();
        CheckOptions zero = base.withInit(0L);
        for (int i = 0; i < 3; i++) {
            LinearizabilityChecker.check(big, cas, zero);
            LinearizabilityChecker.check(single, cas, zero);
        }
        long t0 = clock.nanos();
        CheckResult bigResult = LinearizabilityChecker.check(big, cas, zero);
        long bigNs = clock.nanos() - t0;
        long c0 = threads.getCurrentThreadCpuTime();
        t0 = clock.nanos();
        LinearizabilityChecker.check(big, cas, zero.withParallelism(1));
        long bigSerialNs = clock.nanos() - t0;
        long bigSerialCpu = threads.getCurrentThreadCpuTime() - c0;
        c0 = threads.getCurrentThreadCpuTime();
        t0 = clock.nanos();
        CheckResult singleResult = LinearizabilityChecker.check(single, cas, zero);
        long singleNs = clock.nanos() - t0;
        long singleCpu = threads.getCurrentThreadCpuTime() - c0;

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(
                Locale.ROOT,
                "%d cores, load average %.1f, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                load,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| benchmark | ops (invocations) | records | result | wall | cpu |");
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: |");
        System.out.printf(
                Locale.ROOT,
                "| shared corpus: %d histories, total (1 thread) | %d | %d | %d unknown | %.1f ms | %.1f ms |%n",
                items.size(),
                items.stream().mapToLong(i -> invocations(i.history)).sum(),
                items.stream().mapToInt(i -> i.history.size()).sum(),
                mismatches,
                total / 1e6,
                totalCpu / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| shared corpus: slowest history by wall (%s) | | | | %.1f ms | |%n",
                slowestFile,
                slowest / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| shared corpus: slowest history by cpu (%s) | | | | | %.1f ms |%n",
                slowestCpuFile,
                slowestCpu / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| generated: 10 keys, 10 clients, %d info (parallel keys) | %d | %d | %s, %d configs | %.1f ms | |%n",
                countInfo(big),
                invocations(big),
                big.size(),
                bigResult.verdict().text(),
                bigResult.configurations(),
                bigNs / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| generated: same, 1 thread | %d | %d | | %.1f ms | %.1f ms |%n",
                invocations(big),
                big.size(),
                bigSerialNs / 1e6,
                bigSerialCpu / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| generated: 1 key, 5 clients, %d info | %d | %d | %s, %d configs | %.1f ms | %.1f ms |%n",
                countInfo(single),
                invocations(single),
                single.size(),
                singleResult.verdict().text(),
                singleResult.configurations(),
                singleNs / 1e6,
                singleCpu / 1e6);
        System.out.printf(Locale.ROOT, "| peak heap over the run | | | | %d MiB | |%n", peakHeapBytes() >> 20);
    }

    private static long invocations(History h) {
        return h.ops().stream()
                .filter(o -> o.isClientOp() && o.type() == io.raftsim.history.OpType.INVOKE)
                .count();
    }

    private static long countInfo(History h) {
        return h.ops().stream()
                .filter(o -> o.type() == io.raftsim.history.OpType.INFO)
                .count();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static List<CorpusItem> loadCorpus(Path root) throws Exception {
        List<String> lines = Files.readAllLines(root.resolve("MANIFEST.tsv"));
        List<CorpusItem> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            Object init = Model.DEFAULT_INIT;
            if (!c[2].isEmpty()) {
                init = Histories.read(
                                "init",
                                new StringReader(
                                        "[{\"process\":0,\"type\":\"invoke\",\"f\":\"x\",\"value\":" + c[2] + "}]"),
                                Histories.Format.JSON)
                        .get(0)
                        .value();
            }
            out.add(new CorpusItem(
                    c[0],
                    Histories.read(root.resolve(c[0])),
                    Models.byName(c[1]).orElseThrow(),
                    init));
        }
        return out;
    }

    private static Path locateCorpus() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("histories");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/histories not found; pass its path as the first argument");
    }

    static String json(Object v) {
        return JsonValues.toJson(v);
    }
}
