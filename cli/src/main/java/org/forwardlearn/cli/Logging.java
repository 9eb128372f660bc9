package org.forwardlearn.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Log level of the program: WARN by default (log4j2.xml), INFO with --verbose, DEBUG with -vv. */
public final class Logging {
    /** Strong reference: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

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
        // netlib BLAS reports a missing optional implementation (e.g. no --add-modules jdk.incubator.vector) through
        // java.util.logging as a two-line WARNING; the chosen backend is in every provenance, so keep it for -v.
        NETLIB.setLevel(verbosity > 0 ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
        Level level = verbosity <= 0 ? Level.WARN : verbosity == 1 ? Level.INFO : Level.DEBUG;
        try {
            Configurator.setRootLevel(level);
        } catch (RuntimeException | LinkageError e) {
            // no log4j-core at run time: nothing to configure
        }
    }
}
