package org.forwardlearn.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of {@code forwardlearn}. The only place that calls {@link System#exit}.
 * <p>
 * Exit codes: 0 success, 1 a failed run (bad data, missing files, a diverged training...),
 * 2 a usage error (unknown option, bad value). Every error is one line on stderr; the stack trace
 * follows only with {@code --verbose}.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, Console.stderrIsTerminal());
        System.exit(code);
    }

    /** Runs the command in-process (tests use this) with stderr treated as a non-terminal. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    /** Runs the command in-process and returns its exit code; never exits the JVM. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        int verbosity = Logging.verbosityOf(args);
        Logging.configure(verbosity);
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Console console = new Console(o, e, terminal);
        CommandLine cl = newCommandLine(console);
        cl.setParameterExceptionHandler((ex, a) -> {
            console.err().println("forwardlearn: " + Errors.usageLine(ex));
            if (verbosity > 0) ex.printStackTrace(console.err());
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            console.endLine();
            if (ex instanceof CliException ce && ce.exitCode() == EXIT_USAGE) {
                // a bad option value found after parsing: the same form as picocli's own usage errors
                console.err().println("forwardlearn: " + Errors.oneLine(ex) + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            } else {
                console.err().println("forwardlearn: error: " + Errors.oneLine(ex));
            }
            if (verbosity > 0) ex.printStackTrace(console.err());
            return ex instanceof CliException ce ? ce.exitCode() : EXIT_FAILURE;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (Error | RuntimeException ex) {
            // picocli passes Errors (OutOfMemoryError, StackOverflowError...) through: still one line
            console.endLine();
            console.err().println("forwardlearn: error: " + Errors.oneLine(ex));
            if (verbosity > 0) ex.printStackTrace(console.err());
            code = EXIT_FAILURE;
        } finally {
            o.flush();
            e.flush();
        }
        return code;
    }

    /** The configured picocli command line (exposed for tests of parsing and help). */
    public static CommandLine newCommandLine(Console console) {
        CommandLine cl = new CommandLine(new ForwardlearnCommand(console));
        cl.setOut(console.out());
        cl.setErr(console.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        withGroupHelp(cl);
        return cl;
    }

    /**
     * Gives every command group (ff, data, gnn, physical, device, bench) {@code -h/--help} and {@code -V/--version},
     * so that {@code forwardlearn gnn --help} prints the group's help like any command's (set here rather than on each
     * group's annotation so that adding a subcommand to a group stays a one-line change).
     */
    private static void withGroupHelp(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof org.forwardlearn.cli.command.GroupCommand) {
                sub.getCommandSpec().versionProvider(new ForwardlearnCommand.Version()).mixinStandardHelpOptions(true);
            }
            withGroupHelp(sub);
        }
    }
}
