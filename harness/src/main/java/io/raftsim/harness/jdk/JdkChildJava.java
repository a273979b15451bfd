package io.raftsim.harness.jdk;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command prefix that starts another raftsim JVM ({@code java <options> -jar <jar>}) the way
 * this one was started. {@code mutants} runs whole fuzz campaigns in child JVMs; without the
 * launcher's JIT and GC options they ran about a third slower than the same campaign from
 * {@code ./raftsim fuzz}, which made per-mutant campaigns needlessly long. Only heap, GC and JIT
 * options are passed on: agents, debuggers and flight recordings stay with the parent.
 */
public final class JdkChildJava {
    private JdkChildJava() {}

    /** {@code <this JVM's java> <inherited -X options> -jar <jar>}, ready for the subcommand. */
    public static List<String> jarCommand(Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(inheritedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    /** The subset of {@code jvmArguments} a child should share: -XX, -Xmx/-Xms/-Xmn/-Xss. */
    static List<String> inheritedOptions(List<String> jvmArguments) {
        List<String> out = new ArrayList<>();
        for (String a : jvmArguments) {
            boolean tuning = a.startsWith("-XX:") || a.startsWith("-Xm") || a.startsWith("-Xss");
            boolean parentOnly = a.contains("FlightRecord") || a.contains("HeapDump") || a.contains("ErrorFile");
            if (tuning && !parentOnly) {
                out.add(a);
            }
        }
        return out;
    }
}
