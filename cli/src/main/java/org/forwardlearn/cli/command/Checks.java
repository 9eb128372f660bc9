package org.forwardlearn.cli.command;

import java.util.Collection;
import java.util.Locale;
import org.forwardlearn.cli.CliException;

/**
 * Option-value checks every command runs before any work starts: each failure is a usage error (exit code 2)
 * whose one line names the option, what was expected and what was given, e.g.
 * {@code --layers: expected an integer >= 1 (got 0)}. A null value (option not given) passes.
 */
final class Checks {
    private Checks() {}

    static CliException bad(String option, String expected, Object got) {
        return CliException.usage(option + ": expected " + expected + " (got " + got + ")");
    }

    /** An integer >= min. */
    static void atLeast(String option, Integer v, int min) {
        if (v != null && v < min) throw bad(option, "an integer >= " + min, v);
    }

    /** An integer in [min, max]. */
    static void within(String option, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) throw bad(option, "an integer in " + min + ".." + max, v);
    }

    /** A finite number > 0. */
    static void positive(String option, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) throw bad(option, "a finite number > 0", fmt(v));
    }

    /** A finite number >= 0. */
    static void nonNegative(String option, Double v) {
        if (v != null && !(v >= 0 && Double.isFinite(v))) throw bad(option, "a finite number >= 0", fmt(v));
    }

    /** A finite number. */
    static void finite(String option, Double v) {
        if (v != null && !Double.isFinite(v)) throw bad(option, "a finite number", fmt(v));
    }

    /** A number in [min, max]. */
    static void between(String option, Double v, double min, double max) {
        if (v != null && !(v >= min && v <= max)) throw bad(option, "a number in [" + fmt(min) + ", " + fmt(max) + "]", fmt(v));
    }

    /** One of the given names. */
    static void oneOf(String option, String v, Collection<String> choices) {
        if (v != null && !choices.contains(v)) throw bad(option, "one of " + String.join(", ", choices), "'" + v + "'");
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
