package io.raftsim.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code raftsim} command line. Exit codes follow DESIGN.md section 7: 0 valid, 1 a property
 * violated, 2 bad usage or bad input, 3 unknown or inconclusive.
 */
@Command(
        name = "raftsim",
        mixinStandardHelpOptions = true,
        versionProvider = RaftsimCli.Version.class,
        description = "Deterministic simulation and Jepsen-style verification of a braft-style Raft engine.",
        subcommands = {
            RunCommand.class,
            FuzzCommand.class,
            ReplayCommand.class,
            CheckCommand.class,
            ShrinkCommand.class,
            MergeCommand.class,
            BenchCommand.class,
            MutantsCommand.class
        })
public final class RaftsimCli {
    public static final int EXIT_VALID = 0;
    public static final int EXIT_VIOLATION = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNKNOWN = 3;

    private RaftsimCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; usable from tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RaftsimCli());
        // Bad usage is a one-line error and exit code 2, never a stack trace.
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("raftsim: " + ex.getMessage());
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, parsed, result) -> {
            if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
                parsed.getErr().println("raftsim: " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /** Version from the jar manifest when packaged, "dev" otherwise. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RaftsimCli.class.getPackage().getImplementationVersion();
            return new String[] {"raftsim " + (v == null ? "dev" : v)};
        }
    }
}
