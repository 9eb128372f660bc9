package org.forwardlearn.core.layer;

/**
 * Standard normal CDF and density in double precision. erf by its positive-term series
 * erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1*3*...*(2n+1)) for |x| &lt; 3 (no cancellation), erfc by
 * its continued fraction (modified Lentz) beyond; both accurate to about 1e-15 relative.
 */
final class Erf {
    private Erf() {}

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_PI = 0.5641895835477563;

    static double pdf(double z) { return INV_SQRT_2PI * Math.exp(-0.5 * z * z); }

    static double phi(double z) { return 0.5 * erfc(-z / Math.sqrt(2.0)); }

    /** Complementary error function. */
    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r = a < 3.0 ? 1.0 - erfSeries(a) : erfcContinuedFraction(a);
        return x >= 0 ? r : 2.0 - r;
    }

    private static double erfSeries(double x) {
        if (x == 0) return 0;
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), x &gt;= 3. */
    private static double erfcContinuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++) {
            double ak = k * 0.5;
            d = x + ak * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = x + ak / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) break;
        }
        return INV_SQRT_PI * Math.exp(-x * x) / f;
    }
}
