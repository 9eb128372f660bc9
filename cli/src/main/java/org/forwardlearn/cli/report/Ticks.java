package org.forwardlearn.cli.report;

import java.math.BigDecimal;

/** "Nice" axis ticks (1, 2, 2.5, 5 x 10^k steps) and their labels. */
final class Ticks {
    private Ticks() {}

    /** Ticks covering [lo, hi] with about {@code target} intervals (step &gt;= minStep); the first &lt;= lo, the last &gt;= hi. */
    static double[] nice(double lo, double hi, int target, double minStep) {
        if (!(hi > lo)) throw new IllegalArgumentException("Expected lo < hi (got " + lo + ", " + hi + ")");
        double step = niceStep((hi - lo) / Math.max(1, target));
        if (minStep > 0 && step < minStep) step = minStep;
        if (minStep >= 1) step = Math.ceil(step);
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        n = Math.max(2, Math.min(n, 50));
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = start + i * step;
        return t;
    }

    static double niceStep(double raw) {
        double exp = Math.floor(Math.log10(raw));
        double base = Math.pow(10, exp);
        double f = raw / base;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * base;
    }

    /** A short label with as many decimals as the step needs. */
    static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
        if (Math.abs(v) < step * 1e-9) v = 0;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) decimals++;
        decimals = Math.min(decimals, 8);
        if (Math.abs(v) >= 1e6 || (Math.abs(v) > 0 && Math.abs(v) < 1e-4)) return String.format(java.util.Locale.ROOT, "%.2g", v);
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
