package org.forwardlearn.cli;

/**
 * A failure the user can fix (bad input, missing data, a feature that is unavailable): printed as one
 * line without a stack trace, exit code 1 unless stated.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, null, Main.EXIT_FAILURE);
    }

    public CliException(String message, Throwable cause) {
        this(message, cause, Main.EXIT_FAILURE);
    }

    public CliException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }

    /** A usage-level error found after parsing (e.g. an invalid combination of options): exit code 2. */
    public static CliException usage(String message) {
        return new CliException(message, null, Main.EXIT_USAGE);
    }
}
