package org.forwardlearn.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/** Turns any exception into the one line the user sees. */
public final class Errors {
    private Errors() {}

    /** One line for a failure during execution. */
    public static String oneLine(Throwable t) {
        Throwable e = unwrap(t);
        String msg = describe(e);
        return flatten(msg);
    }

    /** One line for a picocli usage error, with a pointer to the help. */
    public static String usageLine(CommandLine.ParameterException ex) {
        String cmd = ex.getCommandLine() == null ? "forwardlearn" : ex.getCommandLine().getCommandSpec().qualifiedName();
        return flatten(ex.getMessage()) + " (see '" + cmd + " --help')";
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof ExecutionException
                || e instanceof InvocationTargetException || e instanceof CommandLine.ExecutionException
                || (e instanceof RuntimeException && e.getClass() == RuntimeException.class))
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) return "file not found: " + m;
        if (e instanceof FileNotFoundException) return "file not found: " + m;
        if (e instanceof AccessDeniedException) return "permission denied: " + m;
        if (e instanceof NotDirectoryException) return "not a directory: " + m;
        if (e instanceof FileAlreadyExistsException) return "file already exists: " + m;
        if (e instanceof CliException) return m;
        if (e instanceof OutOfMemoryError) return "out of memory (raise -Xmx): " + m;
        if (m == null || m.isBlank()) return e.getClass().getSimpleName() + " (run with --verbose for the stack trace)";
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException || isProjectException(e)) {
            return m;
        }
        return e.getClass().getSimpleName() + ": " + m;
    }

    private static boolean isProjectException(Throwable e) {
        return e.getClass().getName().startsWith("org.forwardlearn.");
    }

    /** Collapses whitespace (newlines included) so the message is one line. */
    static String flatten(String s) {
        if (s == null) return "";
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
