package org.forwardlearn.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Log level of the program: WARN by default (log4j2.xml), INFO with --verbose, DEBUG with -vv. */
public final class Logging {
    private Logging() {}

    /**
     * Counts verbosity flags in the raw arguments (before parsing, so that even a usage error can
     * show its stack trace): {@code --verbose} and {@code -v} count 1 each, {@code -vv} counts 2.
     */
    public static int verbosityOf(String[] args) {
        int v = 0;
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("--verbose")) v++;
            else if (a.matches("-v+")) v += a.length() - 1;
        }
        return v;
    }

    public static void configure(int verbosity) {
        Level level = verbosity <= 0 ? Level.WARN : verbosity == 1 ? Level.INFO : Level.DEBUG;
        try {
            Configurator.setRootLevel(level);
        } catch (RuntimeException | LinkageError e) {
            // no log4j-core at run time: nothing to configure
        }
    }
}
