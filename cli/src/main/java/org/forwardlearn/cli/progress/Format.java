package org.forwardlearn.cli.progress;

import java.util.Locale;

/** Number formats shared by progress lines and result tables. */
public final class Format {
    private Format() {}

    /** mm:ss (or h:mm:ss); "--:--" when unknown. */
    public static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--:--";
        long s = Math.round(seconds);
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%02d:%02d", m, sec);
    }

    /** "12.3 s" / "850 ms" / "2.5 min". */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "?";
        if (seconds < 1) return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        if (seconds < 120) return String.format(Locale.ROOT, "%.1f s", seconds);
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    /** A metric with 4 decimals, "-" for NaN. */
    public static String metric(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A value for a table cell: doubles with 4 significant decimals, others as text. */
    public static String cell(Object v) {
        if (v == null) return "-";
        if (v instanceof Double d) {
            if (d.isNaN()) return "-";
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%.0f", d);
            return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof Float f) return cell(f.doubleValue());
        return v.toString();
    }
}
