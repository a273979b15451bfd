package io.raftsim.harness.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.raftsim.checker.CheckInputException;
import io.raftsim.checker.CheckOptions;
import io.raftsim.checker.CheckResult;
import io.raftsim.checker.KeyMode;
import io.raftsim.checker.KeyReport;
import io.raftsim.checker.LinearizabilityChecker;
import io.raftsim.checker.Verdict;
import io.raftsim.checker.html.HtmlReport;
import io.raftsim.checker.model.Model;
import io.raftsim.checker.model.Models;
import io.raftsim.history.Histories;
import io.raftsim.history.History;
import io.raftsim.history.HistoryFormatException;
import io.raftsim.history.JsonValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftsim check FILE... --model M}: checks external histories (raftsim JSON, JSON Lines or
 * Jepsen's history.edn) for linearizability. Exit code: 2 if any file is bad input, else 1 if any is
 * invalid, else 3 if any is unknown, else 0.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check history files (JSON, JSON Lines or Jepsen EDN) for linearizability.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files (.json, .jsonl, .edn).")
    List<Path> files;

    @Option(
            names = "--model",
            required = true,
            description = "One of: register, cas-register, multi-register, mutex, kv-append, set, fifo-queue.")
    String model;

    @Option(names = "--init", description = "Initial state as JSON (e.g. 0, null, '{\"x\":0}'). Default: the model's.")
    String init;

    @Option(
            names = "--time-limit",
            defaultValue = "10s",
            description = "Time budget per file, e.g. 500ms, 10s, 2m. Default: ${DEFAULT-VALUE}.")
    String timeLimit;

    @Option(
            names = "--max-configurations",
            defaultValue = "10000000",
            description = "Explored-configuration budget per key. Default: ${DEFAULT-VALUE}.")
    long maxConfigurations;

    @Option(
            names = "--max-memory",
            defaultValue = "512m",
            paramLabel = "SIZE",
            description = "Memory budget per key for the search, e.g. 256m, 2g (binary units)."
                    + " Default: ${DEFAULT-VALUE}. The JVM's heap (-Xmx) must hold it.")
    String maxMemory;

    @Option(
            names = "--strict",
            description = "etcd reading: a failed cas means the compare failed; a null read means unset.")
    boolean strict;

    @Option(
            names = "--keys",
            defaultValue = "auto",
            description =
                    "Split by Jepsen [key, value] tuples: auto, single or independent. Default: ${DEFAULT-VALUE}.")
    String keys;

    @Option(names = "--html", paramLabel = "OUT.html", description = "Write an HTML timeline (one per file).")
    Path html;

    @Option(names = "--json", description = "Print one machine-readable JSON object per run instead of text.")
    boolean json;

    private record FileResult(Path file, CheckResult result, String error) {}

    @Override
    public Integer call() {
        Model m = Models.byName(model)
                .orElseThrow(() -> new UsageException(
                        "unknown --model '" + model + "' (expected one of " + String.join(", ", Models.NAMES) + ")"));
        CheckOptions options = CheckOptions.defaults()
                .withTimeLimit(parseDuration(timeLimit))
                .withMaxConfigurations(positive(maxConfigurations, "--max-configurations"))
                .withMaxMemoryBytes(parseSize(maxMemory))
                .withKeyMode(keyMode(keys))
                .withSemantics(strict ? Model.Semantics.STRICT : Model.Semantics.KNOSSOS);
        if (init != null) {
            try {
                options = options.withInit(JsonValues.parse(init));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--init: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileResult> results = new ArrayList<>();
        for (Path file : files) {
            FileResult r = checkOne(file, m, options);
            results.add(r);
            if (!json) {
                printText(out, err, r);
            }
        }
        if (json) {
            out.println(toJson(results));
        }
        out.flush();
        return exitCode(results);
    }

    private FileResult checkOne(Path file, Model m, CheckOptions options) {
        try {
            History h = Histories.read(file);
            CheckResult r = LinearizabilityChecker.check(h, m, options);
            if (html != null) {
                HtmlReport.write(htmlPath(file), h, r);
            }
            return new FileResult(file, r, null);
        } catch (HistoryFormatException | CheckInputException e) {
            return new FileResult(file, null, e.getMessage());
        } catch (UncheckedIOException e) {
            return new FileResult(file, null, file + ": " + e.getMessage());
        }
    }

    /** With several files, {@code out.html} becomes {@code out-<file name>.html} for each. */
    Path htmlPath(Path file) {
        if (files.size() == 1) {
            return html;
        }
        String name = html.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".html") ? name.substring(0, name.length() - 5) : name;
        String source = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
        return html.resolveSibling(stem + "-" + source + ".html");
    }

    private static void printText(PrintWriter out, PrintWriter err, FileResult r) {
        if (r.error != null) {
            err.println("raftsim: " + r.error);
            return;
        }
        CheckResult c = r.result;
        out.printf(
                Locale.ROOT,
                "%-7s %s  ops=%d keys=%d time=%.1fms%s%n",
                c.verdict().text(),
                r.file,
                c.clientOps(),
                c.keys().size(),
                c.elapsedNanos() / 1e6,
                c.verdict() == Verdict.VALID ? "" : "  (" + c.reason() + ")");
        c.counterexample().ifPresent(x -> out.println("  " + x.explain()));
    }

    static int exitCode(List<FileResult> results) {
        boolean bad = false;
        boolean invalid = false;
        boolean unknown = false;
        for (FileResult r : results) {
            if (r.error != null) {
                bad = true;
            } else if (r.result.verdict() == Verdict.INVALID) {
                invalid = true;
            } else if (r.result.verdict() == Verdict.UNKNOWN) {
                unknown = true;
            }
        }
        if (bad) {
            return RaftsimCli.EXIT_USAGE;
        }
        if (invalid) {
            return RaftsimCli.EXIT_VIOLATION;
        }
        return unknown ? RaftsimCli.EXIT_UNKNOWN : RaftsimCli.EXIT_VALID;
    }

    private static String toJson(List<FileResult> results) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("exitCode", exitCode(results));
            g.writeArrayFieldStart("files");
            for (FileResult r : results) {
                g.writeStartObject();
                g.writeStringField("file", r.file.toString());
                if (r.error != null) {
                    g.writeStringField("verdict", "error");
                    g.writeStringField("error", r.error);
                } else {
                    CheckResult c = r.result;
                    g.writeStringField("verdict", c.verdict().text());
                    g.writeStringField("reason", c.reason());
                    g.writeStringField("model", c.model());
                    g.writeNumberField("ops", c.clientOps());
                    g.writeNumberField("keys", c.keys().size());
                    g.writeNumberField("timeMs", c.elapsedNanos() / 1e6);
                    g.writeNumberField("configurations", c.configurations());
                    if (c.counterexample().isPresent()) {
                        var x = c.counterexample().get();
                        g.writeObjectFieldStart("counterexample");
                        g.writeStringField("key", x.key());
                        g.writeNumberField("failingInvocation", x.failingInvocation());
                        g.writeNumberField("failingCompletion", x.failingCompletion());
                        g.writeStringField("failingOp", x.failingOp());
                        g.writeArrayFieldStart("statesSeen");
                        for (String s : x.statesSeen()) {
                            g.writeString(s);
                        }
                        g.writeEndArray();
                        writeInts(g, "linearizablePrefix", x.linearizablePrefix());
                        writeInts(g, "window", x.window());
                        g.writeStringField("explanation", x.explain());
                        g.writeEndObject();
                    }
                    g.writeArrayFieldStart("perKey");
                    for (KeyReport k : c.keys()) {
                        g.writeStartObject();
                        g.writeStringField("key", k.key());
                        g.writeStringField("verdict", k.verdict().text());
                        g.writeStringField("reason", k.reason());
                        g.writeNumberField("ops", k.invocations().size());
                        g.writeNumberField("configurations", k.configurations());
                        g.writeNumberField("timeMs", k.elapsedNanos() / 1e6);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeInts(JsonGenerator g, String name, List<Integer> xs) throws IOException {
        g.writeArrayFieldStart(name);
        for (int x : xs) {
            g.writeNumber(x);
        }
        g.writeEndArray();
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("bad --time-limit '" + text + "': expected e.g. 500ms, 10s, 2m");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            d.toNanos(); // the checker works in nanoseconds: reject what does not fit
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("bad --time-limit '" + text + "': too large");
        }
        if (d.isZero()) {
            throw new UsageException("--time-limit must be positive, got '" + text + "'");
        }
        return d;
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])(?:i?b)?", Pattern.CASE_INSENSITIVE);

    /** A memory size with a binary unit: 64k, 512m, 2g (also 512MiB, 2GB). */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("bad --max-memory '" + text + "': expected e.g. 256m, 2g");
        }
        int shift =
                switch (Character.toLowerCase(m.group(2).charAt(0))) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    default -> 30;
                };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException("bad --max-memory '" + text + "': too large");
        }
        if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
            throw new UsageException("--max-memory must be positive and below 8 EiB, got '" + text + "'");
        }
        return n << shift;
    }

    private static long positive(long v, String option) {
        if (v < 1) {
            throw new UsageException(option + " must be positive, got " + v);
        }
        return v;
    }

    private static KeyMode keyMode(String text) {
        return switch (text) {
            case "auto" -> KeyMode.AUTO;
            case "single" -> KeyMode.SINGLE;
            case "independent" -> KeyMode.INDEPENDENT;
            default -> throw new UsageException("bad --keys '" + text + "': expected auto, single or independent");
        };
    }
}
